using Grpc.Net.Client;
using Leads.Contracts.V1;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>
/// The built command service as a child process over a data directory of its own, as it runs in production
/// (<c>dotnet Leads.CommandService.dll --urls ... --Leads:DataDirectory ...</c>, host environment Production): a
/// <see cref="ServiceProcess"/> with the command client and the store file these tests inspect.
/// </summary>
public sealed class CommandServiceProcess : IAsyncDisposable
{
    private const string Project = "Leads.CommandService";
    private readonly ServiceProcess _service;

    private CommandServiceProcess(ServiceProcess service, string dataDirectory)
    {
        _service = service;
        DataDirectory = dataDirectory;
        Client = new LeadCommands.LeadCommandsClient(service.Channel);
    }

    public string DataDirectory { get; }
    public string StorePath => Path.Combine(DataDirectory, "events.db");
    public Uri Address => _service.Address;
    public int Port => _service.Port;

    /// <summary>A channel whose calls carry a test token with every role (subject <see cref="TestTokens.Subject"/>).</summary>
    public GrpcChannel Channel => _service.Channel;
    public LeadCommands.LeadCommandsClient Client { get; }
    public bool HasExited => _service.HasExited;

    /// <summary>What the service printed so far, for failure messages.</summary>
    public string Output => _service.Output;

    /// <summary>
    /// Starts the service and waits until it serves. <paramref name="arguments"/> are command-line settings as a user
    /// writes them (<c>--Key=value</c> or <c>--Key value</c>); <c>--environment</c> sets the host environment.
    /// </summary>
    public static Task<CommandServiceProcess> StartAsync(string dataDirectory, CancellationToken cancellationToken, params string[] arguments) =>
        StartAsync(dataDirectory, waitForHealth: true, cancellationToken, arguments);

    /// <summary>Starts the process without waiting for it to serve (for tests of how it starts or fails to).</summary>
    public static Task<CommandServiceProcess> LaunchAsync(string dataDirectory, CancellationToken cancellationToken, params string[] arguments) =>
        StartAsync(dataDirectory, waitForHealth: false, cancellationToken, arguments);

    public Task<int?> ExitCodeWithinAsync(TimeSpan deadline, CancellationToken cancellationToken) => _service.ExitCodeWithinAsync(deadline, cancellationToken);

    public Task<bool> PrintsAsync(string text, TimeSpan deadline, CancellationToken cancellationToken) => _service.PrintsAsync(text, deadline, cancellationToken);

    /// <summary>SIGKILL, the whole process tree, with no chance to flush or finish anything.</summary>
    public Task KillAsync() => _service.KillAsync();

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    private static async Task<CommandServiceProcess> StartAsync(string dataDirectory, bool waitForHealth, CancellationToken cancellationToken, string[] arguments)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Leads:DataDirectory"] = dataDirectory };
        string? environment = null;
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = arguments[i].StartsWith("--", StringComparison.Ordinal)
                ? arguments[i][2..]
                : throw new ArgumentException($"a setting starts with --: {arguments[i]}", nameof(arguments));
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = equals >= 0 ? (argument[..equals], argument[(equals + 1)..]) : (argument, arguments[++i]);
            if (key.Equals("environment", StringComparison.OrdinalIgnoreCase))
            {
                environment = value;
            }
            else
            {
                settings[key] = value;
            }
        }

        var service = await ServiceProcess.StartAsync(Project, settings, waitForHealth: waitForHealth, cancellationToken: cancellationToken, environment: environment);
        return new CommandServiceProcess(service, dataDirectory);
    }
}
