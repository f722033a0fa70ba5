using System.Diagnostics;

namespace Leads.Testing;

/// <summary>
/// Real EventStoreDB nodes that a test starts, stops and crashes itself, through the node script of our machines
/// (<c>eventstoredb.sh</c>: <c>LEADS_ESDB_SCRIPT</c>, else <c>../shared/eventstoredb/eventstoredb.sh</c> beside the
/// repository). Where there is no script, <see cref="SkipReason"/> says so and the tests using it skip with it.
/// Each test picks its own base port so that nodes of different tests never meet.
/// </summary>
public static class EventStoreDbNodes
{
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromSeconds(120);

    /// <summary>The node script, or null when this machine has none.</summary>
    public static string? Script { get; } = FindScript();

    /// <summary>Why tests that start their own nodes cannot run here; null when they can.</summary>
    public static string? SkipReason => Script is null
        ? "skipped: no EventStoreDB node script (set LEADS_ESDB_SCRIPT, or put ../shared/eventstoredb/eventstoredb.sh beside the repository)"
        : null;

    /// <summary>Starts one node on <paramref name="port"/> (in memory, or on disk in <paramref name="dataDirectory"/>) and returns its connection string once it leads.</summary>
    public static async Task<string> StartAsync(int port, string? dataDirectory = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(["start", Port(port)], dataDirectory, cancellationToken).ConfigureAwait(false)).Trim();

    /// <summary>Stops the node on <paramref name="port"/> (a clean shutdown; SIGKILL after 10 s).</summary>
    public static Task StopAsync(int port, CancellationToken cancellationToken = default) =>
        RunAsync(["stop", Port(port)], null, cancellationToken);

    /// <summary>
    /// SIGKILLs the node on <paramref name="port"/> (a crash, not a shutdown: nothing is flushed) by the process id the
    /// node script keeps, and waits until it is gone. A node that is not running is left as it is.
    /// </summary>
    public static async Task KillAsync(int port, CancellationToken cancellationToken = default)
    {
        var pidFile = Path.Combine(NodeHome, "node-" + Port(port), "pid");
        if (!File.Exists(pidFile))
        {
            return;
        }

        var pid = int.Parse((await File.ReadAllTextAsync(pidFile, cancellationToken).ConfigureAwait(false)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using var node = Process.GetProcessById(pid);
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        File.Delete(pidFile);
    }

    /// <summary>Starts a three-node cluster on <paramref name="basePort"/>, +10 and +20; its connection string once one node leads and two follow.</summary>
    public static async Task<string> StartClusterAsync(int basePort, string? dataDirectory = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(["cluster", "start", Port(basePort)], dataDirectory, cancellationToken).ConfigureAwait(false)).Trim();

    /// <summary>The port of the node that leads the cluster now.</summary>
    public static async Task<int> LeaderAsync(int basePort, CancellationToken cancellationToken = default) =>
        int.Parse((await RunAsync(["cluster", "leader", Port(basePort)], null, cancellationToken).ConfigureAwait(false)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>SIGKILLs the cluster's leader (a crash, not a shutdown) and returns its port.</summary>
    public static async Task<int> KillLeaderAsync(int basePort, CancellationToken cancellationToken = default) =>
        int.Parse((await RunAsync(["cluster", "kill-leader", Port(basePort)], null, cancellationToken).ConfigureAwait(false)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts the cluster node on <paramref name="nodePort"/> again (stopping it first if it runs); returns once it leads or follows.</summary>
    public static Task RestartClusterNodeAsync(int nodePort, int basePort, string? dataDirectory = null, CancellationToken cancellationToken = default) =>
        RunAsync(["cluster", "restart", Port(nodePort), Port(basePort)], dataDirectory, cancellationToken);

    /// <summary>Stops one cluster node cleanly (the single-node stop works by port for cluster nodes too).</summary>
    public static Task StopClusterNodeAsync(int nodePort, CancellationToken cancellationToken = default) =>
        RunAsync(["stop", Port(nodePort)], null, cancellationToken);

    public static Task StopClusterAsync(int basePort, CancellationToken cancellationToken = default) =>
        RunAsync(["cluster", "stop", Port(basePort)], null, cancellationToken);

    /// <summary>Where the node script keeps its nodes' pid files and logs (<c>ESDB_HOME</c>, as the script computes it).</summary>
    private static string NodeHome =>
        Environment.GetEnvironmentVariable("ESDB_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(
                Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                    ? cache
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
                "leads-eventstoredb");

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> RunAsync(string[] arguments, string? dataDirectory, CancellationToken cancellationToken)
    {
        var script = Script ?? throw new InvalidOperationException(SkipReason);
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (dataDirectory is not null)
        {
            start.Environment["ESDB_DB"] = dataDirectory;
        }
        else
        {
            start.Environment.Remove("ESDB_DB");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + script);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CommandDeadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"eventstoredb.sh {string.Join(' ', arguments)} did not finish within {CommandDeadline.TotalSeconds:0} s");
        }

        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"eventstoredb.sh {string.Join(' ', arguments)} exited with {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
        }

        return output;
    }

    private static string? FindScript()
    {
        var configured = Environment.GetEnvironmentVariable("LEADS_ESDB_SCRIPT");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        var beside = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "eventstoredb", "eventstoredb.sh"));
        return File.Exists(beside) ? beside : null;
    }
}
