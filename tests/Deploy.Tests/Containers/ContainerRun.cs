using Leads.Testing;

namespace Leads.Deploy.Tests.Containers;

/// <summary>
/// The containers of one test run: each named and labelled with the run's own id, so that parallel runs never collide,
/// and every one of them removed when the run is disposed (also after a failure).
/// </summary>
public sealed class ContainerRun : IAsyncDisposable
{
    public const string Label = "leads.test-run";

    public string Id { get; } = $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    public string NameOf(string role) => $"leads-test-{Id}-{role}";

    public async Task<string> StartAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        await DockerCli.CheckedAsync(cancellationToken, [.. spec.RunArguments()]);
        return spec.Name;
    }

    /// <summary>The state Docker's health check gives the container: <c>starting</c>, <c>healthy</c> or <c>unhealthy</c>.</summary>
    public static Task<string> HealthAsync(string container, CancellationToken cancellationToken) =>
        DockerCli.CheckedAsync(cancellationToken, "inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", container);

    public static Task<string> InspectAsync(string container, string format, CancellationToken cancellationToken) =>
        DockerCli.CheckedAsync(cancellationToken, "inspect", "--format", format, container);

    public static async Task<string> LogsAsync(string container, CancellationToken cancellationToken)
    {
        var logs = await DockerCli.RunAsync(cancellationToken, "logs", container);
        return logs.Output + Environment.NewLine + logs.Errors;
    }

    /// <summary>Waits until the container's own health check reports <paramref name="status"/>; fails with its logs otherwise.</summary>
    public static async Task WaitForHealthAsync(string container, string status, TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            await Eventually.IsTrueAsync(
                async () => await HealthAsync(container, cancellationToken) == status,
                deadline,
                $"{container} reporting {status}",
                cancellationToken);
        }
        catch (TimeoutException e)
        {
            var state = await InspectAsync(container, "{{.State.Status}} exit {{.State.ExitCode}} health {{if .State.Health}}{{.State.Health.Status}}{{end}}", cancellationToken);
            throw new TimeoutException($"{e.Message}; it is {state}; its logs:{Environment.NewLine}{Tail(await LogsAsync(container, cancellationToken))}", e);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to finish or flush anything.</summary>
    public static Task KillAsync(string container, CancellationToken cancellationToken) =>
        DockerCli.CheckedAsync(cancellationToken, "kill", "--signal", "KILL", container);

    public static Task RestartAsync(string container, CancellationToken cancellationToken) =>
        DockerCli.CheckedAsync(cancellationToken, "start", container);

    public async ValueTask DisposeAsync()
    {
        var ids = await DockerCli.RunAsync(CancellationToken.None, "ps", "--all", "--quiet", "--filter", $"label={Label}={Id}");
        var containers = ids.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (containers.Length > 0)
        {
            await DockerCli.RunAsync(["rm", "--force", "--volumes", .. containers], CancellationToken.None);
        }
    }

    public static string Tail(string text, int lines = 40) =>
        string.Join(Environment.NewLine, text.Split('\n').TakeLast(lines));
}
