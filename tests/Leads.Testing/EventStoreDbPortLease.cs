using System.Globalization;

namespace Leads.Testing;

/// <summary>
/// A port for a test's own EventStoreDB node, held while the lease lives, so that test assemblies running at the same
/// time never start two nodes on one port (the node script would hand back the node already there, with someone
/// else's events). The ports are <c>LEADS_ESDB_TEST_PORTS</c> (comma separated; default 2313,2323,2333,2343,2353;
/// each node also uses port + 10000); a locked file per port under the temp folder marks it taken across processes.
/// </summary>
public sealed class EventStoreDbPortLease : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);
    private readonly FileStream lockFile;

    private EventStoreDbPortLease(int port, FileStream lockFile)
    {
        Port = port;
        this.lockFile = lockFile;
    }

    public int Port { get; }

    public static IReadOnlyList<int> Ports { get; } =
        (Environment.GetEnvironmentVariable("LEADS_ESDB_TEST_PORTS") is { Length: > 0 } configured ? configured : "2313,2323,2333,2343,2353")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
        .ToList();

    /// <summary>The first free port of <see cref="Ports"/>; waits (up to 10 minutes) while every one is taken.</summary>
    public static async Task<EventStoreDbPortLease> TakeAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + Wait;
        while (true)
        {
            foreach (var port in Ports)
            {
                var path = Path.Combine(Path.GetTempPath(), $"leads-esdb-port-{port}.lock");
                try
                {
                    // FileShare.None is an exclusive advisory lock (flock) on Unix: another process cannot open it too.
                    return new EventStoreDbPortLease(port, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException)
                {
                    // Taken by another fixture or test process.
                }
            }

            if (DateTime.UtcNow > giveUpAt)
            {
                throw new TimeoutException($"every EventStoreDB test port ({string.Join(", ", Ports)}) stayed taken for {Wait.TotalMinutes:0} minutes");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => lockFile.Dispose();
}
