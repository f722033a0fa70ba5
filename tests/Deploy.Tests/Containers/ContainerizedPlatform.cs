using System.Security.Cryptography;
using Leads.Deploy.Tests.Support;
using Leads.Security;
using Leads.Testing;
using YamlDotNet.RepresentationModel;

namespace Leads.Deploy.Tests.Containers;

/// <summary>
/// The whole system in containers on one host: EventStoreDB (in memory, ports 2513/12513), every service image that
/// docker-compose.yml builds, each on its own ports on the host network, all sharing one data directory (views, search
/// index, lead keys and checkpoints stay on the embedded default), and a private RabbitMQ node for the integration
/// publisher and the commissions consumer. Tokens are signed with a key made for this run.
/// Without a Docker engine or an image the tests skip with the reason; with <c>DOCKER_REQUIRED=1</c> (CI, which started
/// the engine and built the images) they fail instead. Nothing is ever pulled.
/// </summary>
public sealed class ContainerizedPlatform : IAsyncLifetime
{
    public const int EventStoreNodePort = 2513;
    public const int EventStoreReplicationPort = 12513;
    private static readonly TimeSpan HealthyDeadline = TimeSpan.FromMinutes(4);

    private readonly RabbitMqNode _broker = new();
    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, (string Container, ServicePorts Ports)> _services = new(StringComparer.Ordinal);

    public ContainerRun Run { get; } = new();

    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(48);

    public string? UnavailableReason { get; private set; }

    public string EventStoreContainer { get; private set; } = "";

    public string RabbitMqConnection { get; private set; } = "";

    public static bool Required => Environment.GetEnvironmentVariable("DOCKER_REQUIRED") == "1";

    /// <summary>The image docker-compose.yml gives the service (what `make images` builds).</summary>
    public static string ImageOf(ServiceCatalog service) =>
        YamlFile.LoadAll(Path.Combine(RepositoryPaths.Root, "docker-compose.yml")).Single()
            .MapAt("services", service.ComposeName).Str("image")
        ?? throw new InvalidOperationException($"docker-compose.yml gives {service.ComposeName} no image name");

    public string ContainerOf(string composeName) => _services[composeName].Container;

    public ServicePorts PortsOf(string composeName) => _services[composeName].Ports;

    public string Token(params string[] roles) => LeadsTokens.Mint(SigningKey, "container-suite", roles, TimeSpan.FromHours(1));

    public void SkipUnlessAvailable()
    {
        if (UnavailableReason is not null)
        {
            Assert.Skip(UnavailableReason);
        }
    }

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        UnavailableReason = await WhyUnavailableAsync(cancellationToken);
        if (UnavailableReason is not null)
        {
            if (Required)
            {
                throw new InvalidOperationException($"DOCKER_REQUIRED=1 but {UnavailableReason}");
            }

            return;
        }

        await _broker.TryStartAsync();
        if (!_broker.Available)
        {
            UnavailableReason = _broker.UnavailableReason;
            return;
        }

        RabbitMqConnection = await _broker.CreateVirtualHostAsync("containers", cancellationToken);
        // The containers run as the images' non-root app user: the shared data directory must be theirs to write.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_data.Path, (UnixFileMode)0b111_111_111);
        }

        EventStoreContainer = await Run.StartAsync(
            Containers.EventStoreContainer.Spec(Run.NameOf("eventstore"), Run.Id, EventStoreNodePort, EventStoreReplicationPort), cancellationToken);
        await ContainerRun.WaitForHealthAsync(EventStoreContainer, "healthy", HealthyDeadline, cancellationToken);

        foreach (var service in ServiceCatalog.All)
        {
            var ports = ServicePorts.FreeFor(service);
            var container = await Run.StartAsync(ServiceSpec(service, ports, Run.NameOf(service.ComposeName), EventStoreNodePort), cancellationToken);
            _services[service.ComposeName] = (container, ports);
        }

        await Task.WhenAll(_services.Values.Select(s => ContainerRun.WaitForHealthAsync(s.Container, "healthy", HealthyDeadline, cancellationToken)));
    }

    /// <summary>A service container as the suite runs it: the compose file's image, its own ports, the shared data directory.</summary>
    public ContainerSpec ServiceSpec(ServiceCatalog service, ServicePorts ports, string name, int eventStorePort)
    {
        var environment = new Dictionary<string, string>(ports.Environment(service), StringComparer.Ordinal)
        {
            ["Auth__SigningKey"] = Convert.ToBase64String(SigningKey),
        };
        if (service.ConnectionStrings.Contains("eventstore"))
        {
            environment["ConnectionStrings__eventstore"] = Containers.EventStoreContainer.ConnectionString(eventStorePort);
        }

        if (service.ConnectionStrings.Contains("rabbitmq"))
        {
            environment["ConnectionStrings__rabbitmq"] = RabbitMqConnection;
        }

        return new ContainerSpec(name, ImageOf(service), Run.Id) { Environment = environment, Volumes = [$"{_data.Path}:/data"] };
    }

    public async ValueTask DisposeAsync()
    {
        await Run.DisposeAsync();
        await _broker.DisposeAsync();
        _data.Dispose();
    }

    private static async Task<string?> WhyUnavailableAsync(CancellationToken cancellationToken)
    {
        var info = await DockerCli.RunAsync(["info", "--format", "{{.ServerVersion}}"], cancellationToken, TimeSpan.FromSeconds(20));
        if (!info.Succeeded)
        {
            return $"no Docker engine answers (docker info: {info.Errors.Split('\n')[0]}); start one with ../shared/docker/docker.sh start";
        }

        var images = ServiceCatalog.All.Select(ImageOf).Append(Containers.EventStoreContainer.Image);
        var missing = new List<string>();
        foreach (var image in images)
        {
            if (!(await DockerCli.RunAsync(["image", "inspect", "--format", "{{.Id}}", image], cancellationToken)).Succeeded)
            {
                missing.Add(image);
            }
        }

        return missing.Count == 0
            ? null
            : $"images missing on this engine (nothing is pulled): {string.Join(", ", missing)}; build them with `make images DOCKER_BUILD_NETWORK=host` "
                + "and ../shared/docker/docker.sh images";
    }
}
