using System.Text.RegularExpressions;
using Leads.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Leads.Deploy.Tests.Compose;

/// <summary>
/// docker-compose.yml against the services' own configuration, so that it cannot rot unnoticed: every service is built
/// from its own Dockerfile, publishes its default port, gets the connection strings it reads in the form its parser
/// takes, pointing at an engine of the file, and waits for healthy dependencies.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string ComposePath = Path.Combine(RepositoryPaths.Root, "docker-compose.yml");

    private static YamlMappingNode Services => YamlFile.LoadAll(ComposePath).Single().MapAt("services");

    private static YamlMappingNode Service(string name) =>
        Services.Map(name) ?? throw new KeyNotFoundException($"docker-compose.yml has no service {name}");

    [Fact]
    public void Every_service_of_the_repository_is_in_the_compose_file_and_nothing_unknown_is_built()
    {
        var built = Services.Children
            .Where(s => ((YamlMappingNode)s.Value).Get("build") is not null)
            .Select(s => ((YamlScalarNode)s.Key).Value!)
            .Order()
            .ToList();
        Assert.Equal(ServiceCatalog.All.Select(s => s.ComposeName).Order(), built);

        var hostedProjects = Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, "services"))
            .Where(d => Directory.EnumerateFiles(d, "*.csproj").FirstOrDefault() is { } csproj
                && File.ReadAllText(csproj).Contains("Microsoft.NET.Sdk.Web", StringComparison.Ordinal))
            .Select(d => Path.GetFileName(d))
            .Order();
        Assert.Equal(hostedProjects, ServiceCatalog.All.Select(s => s.Project).Order());
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void A_service_is_built_from_the_one_Dockerfile_with_its_name_as_SERVICE_and_the_repository_root_as_context(string project)
    {
        var service = ServiceCatalog.Of(project);
        var build = Service(service.ComposeName).MapAt("build");
        Assert.Equal(".", build.Str("context"));
        Assert.Equal("Dockerfile", build.Str("dockerfile"));
        Assert.Equal(service.ComposeName, build.MapAt("args").Str("SERVICE"));
        Assert.Equal(ServiceCatalog.Dockerfile, Path.GetFullPath(Path.Combine(RepositoryPaths.Root, build.Str("context")!, build.Str("dockerfile")!)));
        Assert.Contains(service.ComposeName, DockerfileText.Load(ServiceCatalog.Dockerfile).StageNames);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void A_service_publishes_its_default_port_where_its_image_listens_and_its_ops_port_beside(string project)
    {
        var service = ServiceCatalog.Of(project);
        var ports = Service(service.ComposeName).Seq("ports").Cast<YamlScalarNode>().Select(p => p.Value).ToList();
        Assert.Contains($"{service.DefaultPort}:{service.DefaultPort}", ports);
        Assert.Contains($"{service.DefaultPort + 10}:{ServiceCatalog.OpsPort}", ports);

        var env = service.Image.Environment();
        var endpoint = service.Grpc ? "grpc" : "http";
        Assert.Equal($"http://+:{service.DefaultPort}", env[$"Kestrel__Endpoints__{endpoint}__Url"]);
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void A_service_gets_exactly_the_connection_strings_it_reads(string project)
    {
        var service = ServiceCatalog.Of(project);
        var env = Service(service.ComposeName).Map("environment").StringMap();
        var given = env.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).Select(k => k["ConnectionStrings__".Length..]).Order();
        Assert.Equal(service.ConnectionStrings.Order(), given);
        foreach (var name in service.ConnectionStrings)
        {
            Assert.Contains(name, ConnectionStringNamesReadByTheCode());
        }
    }

    [Theory]
    [MemberData(nameof(ServiceCatalog.Projects), MemberType = typeof(ServiceCatalog))]
    public void A_service_verifies_tokens_with_the_key_the_environment_must_give_and_has_no_default(string project)
    {
        var env = Service(ServiceCatalog.Of(project).ComposeName).Map("environment").StringMap();
        Assert.Matches(@"^\$\{LEADS_AUTH_SIGNING_KEY:\?[^}]+\}$", env["Auth__SigningKey"]);
        var keys = ServiceCatalog.All.Select(s => Service(s.ComposeName).Map("environment").StringMap()["Auth__SigningKey"]).Distinct();
        Assert.Single(keys);
    }

    [Fact]
    public void Connection_strings_have_the_form_their_parsers_take_and_point_at_an_engine_of_the_file()
    {
        var values = Services.Children
            .SelectMany(s => ((YamlMappingNode)s.Value).Map("environment").StringMap())
            .Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(values);
        foreach (var (key, value) in values)
        {
            var name = key["ConnectionStrings__".Length..];
            var (host, port) = name switch
            {
                "eventstore" => EventStoreDbHost(value),
                "mongo" => UriHost(value, "mongodb", requireQuery: "replicaSet=rs0"),
                "elasticsearch" => UriHost(value, "http"),
                "rabbitmq" => UriHost(value, "amqp", requireCredentials: true),
                _ => throw new InvalidOperationException($"unknown connection string {name}"),
            };
            var engine = Service(host);
            Assert.True(engine.Map("healthcheck") is not null, $"{host} (from {key}) has no health check");
            Assert.Contains(engine.Seq("ports").Cast<YamlScalarNode>(), p => p.Value!.EndsWith($":{port}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_dependency_has_a_health_check_and_is_awaited_healthy()
    {
        foreach (var (key, node) in Services.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var dependsOn = ((YamlMappingNode)node).Map("depends_on");
            foreach (var (target, condition) in dependsOn?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
            {
                var targetName = ((YamlScalarNode)target).Value!;
                Assert.Equal("service_healthy", ((YamlMappingNode)condition).Str("condition"));
                var targetService = Service(targetName);
                var hasHealthCheck = targetService.Map("healthcheck") is not null
                    || (targetService.Map("build") is { } build && DockerfileText.Load(Path.Combine(RepositoryPaths.Root, build.Str("dockerfile")!))
                            .Image(build.MapAt("args").Str("SERVICE")!).All("HEALTHCHECK").Any());
                Assert.True(hasHealthCheck, $"{name} waits for {targetName}, which has no health check");
            }
        }
    }

    [Fact]
    public void Each_service_waits_for_the_engines_its_connection_strings_name()
    {
        foreach (var service in ServiceCatalog.All)
        {
            var dependsOn = Service(service.ComposeName).Map("depends_on").Keys().ToHashSet();
            foreach (var engine in service.ConnectionStrings)
            {
                Assert.Contains(engine, dependsOn);
            }
        }
    }

    [Theory]
    [InlineData("view-projector")]
    [InlineData("search-projector")]
    public void Projectors_run_with_the_lease_on(string name) =>
        Assert.Equal("true", Service(name).Map("environment").StringMap()["Leads__ProjectorLease__Enabled"]);

    [Fact]
    public void The_engines_run_as_the_services_expect()
    {
        var eventStore = Service("eventstore");
        Assert.StartsWith("eventstore/eventstore:24.10", eventStore.Str("image"), StringComparison.Ordinal);
        var esEnv = eventStore.Map("environment").StringMap();
        Assert.Equal("None", esEnv["EVENTSTORE_RUN_PROJECTIONS"]);
        Assert.Equal("true", esEnv["EVENTSTORE_INSECURE"]);

        var mongo = Service("mongo");
        Assert.Contains("--replSet", mongo.Seq("command").Cast<YamlScalarNode>().Select(c => c.Value));
        Assert.Contains("rs.initiate", string.Join(' ', mongo.MapAt("healthcheck").Seq("test").Cast<YamlScalarNode>().Select(t => t.Value)), StringComparison.Ordinal);

        var elastic = Service("elasticsearch");
        Assert.StartsWith("docker.elastic.co/elasticsearch/elasticsearch:8.", elastic.Str("image"), StringComparison.Ordinal);
        Assert.Equal("false", elastic.Map("environment").StringMap()["xpack.security.enabled"]);
        Assert.Equal("single-node", elastic.Map("environment").StringMap()["discovery.type"]);

        var rabbit = Service("rabbitmq");
        Assert.EndsWith("-management", rabbit.Str("image"), StringComparison.Ordinal);
        var credentials = rabbit.Map("environment").StringMap();
        var amqp = new Uri(Service("integration-publisher").Map("environment").StringMap()["ConnectionStrings__rabbitmq"]);
        Assert.Equal($"{credentials["RABBITMQ_DEFAULT_USER"]}:{credentials["RABBITMQ_DEFAULT_PASS"]}", amqp.UserInfo);
    }

    [Fact]
    public void Make_up_and_down_drive_the_compose_file_and_up_makes_the_signing_key_first()
    {
        var makefile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Makefile"));
        Assert.Matches(new Regex(@"^up: signing-key\s*\n\tdocker compose --env-file \$\(ENV_FILE\) up\b", RegexOptions.Multiline), makefile);
        Assert.Matches(new Regex(@"^down:\s*\n\tdocker compose down\b", RegexOptions.Multiline), makefile);
    }

    /// <summary>The connection string names the code reads (GetConnectionString("x") or a ...ConnectionStringName/ConnectionName = "x" constant).</summary>
    private static HashSet<string> ConnectionStringNamesReadByTheCode()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "services", "shared" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match match in ConnectionNamePattern().Matches(File.ReadAllText(file)))
                {
                    names.Add(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
                }
            }
        }

        return names;
    }

    private static (string Host, int Port) EventStoreDbHost(string value)
    {
        Assert.StartsWith("esdb://", value, StringComparison.Ordinal);
        Assert.EndsWith("?tls=false", value, StringComparison.Ordinal);
        var uri = new Uri(value);
        return (uri.Host, uri.Port);
    }

    private static (string Host, int Port) UriHost(string value, string scheme, string? requireQuery = null, bool requireCredentials = false)
    {
        var uri = new Uri(value);
        Assert.Equal(scheme, uri.Scheme);
        if (requireQuery is not null)
        {
            Assert.Contains(requireQuery, uri.Query, StringComparison.Ordinal);
        }

        if (requireCredentials)
        {
            Assert.Contains(':', uri.UserInfo);
        }

        return (uri.Host, uri.Port);
    }

    [GeneratedRegex("""GetConnectionString\("([a-z]+)"\)|Conn\w*Name\s*=\s*"([a-z]+)";""")]
    private static partial Regex ConnectionNamePattern();
}
