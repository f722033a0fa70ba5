using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Leads.Testing;

/// <summary>
/// A private PostgreSQL server from Debian's <c>postgresql</c> package (<c>/usr/lib/postgresql/*/bin</c>): initdb into a
/// temporary directory, started on a free loopback port with its unix socket in that directory, trust authentication,
/// no fsync (a test server), stopped and removed at the end. Run as root, the server runs as the <c>postgres</c> user
/// (PostgreSQL refuses root) through <c>runuser</c>, with the directory given to it. Each test gets its own database
/// (<see cref="CreateDatabaseAsync"/>). When it cannot start, <see cref="UnavailableReason"/> says why and tests skip
/// with it, or starting throws when <c>POSTGRES_REQUIRED=1</c> (CI).
/// </summary>
public sealed class PostgresNode : IPostgresDatabases, IAsyncDisposable
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private string? _bin;
    private string? _root;
    private int _databases;

    public bool Available { get; private set; }

    public string? UnavailableReason { get; private set; }

    public int Port { get; private set; }

    public static bool Required => Environment.GetEnvironmentVariable("POSTGRES_REQUIRED") == "1";

    private static bool IsRoot => Environment.UserName == "root";

    private string DataDirectory => Path.Combine(_root!, "data");

    public async ValueTask TryStartAsync()
    {
        try
        {
            await StartAsync(CancellationToken.None);
            Available = true;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            UnavailableReason = $"PostgreSQL could not be started here ({ex.Message}); install Debian's postgresql. Output: {Tail()}";
            await StopAsync();
            if (Required)
            {
                throw new InvalidOperationException("POSTGRES_REQUIRED=1 but " + UnavailableReason, ex);
            }
        }
    }

    /// <summary>A new, empty database; its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose, CancellationToken cancellationToken)
    {
        var name = $"{purpose}_{Interlocked.Increment(ref _databases)}".ToLowerInvariant();
        await RunAsync("createdb", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", name], cancellationToken);
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=true");

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (_bin is null)
        {
            throw new IOException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)");
        }

        _root = Directory.CreateTempSubdirectory("leads-postgres-").FullName;
        if (IsRoot)
        {
            await RunRawAsync("chown", ["-R", "postgres:postgres", _root], cancellationToken);
        }

        await RunAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], cancellationToken);
        Port = FreePort.Next();
        await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"], cancellationToken);
        var deadline = Stopwatch.StartNew();
        while (!await ReadyAsync(cancellationToken))
        {
            if (deadline.Elapsed > StartupDeadline)
            {
                throw new TimeoutException($"the server did not accept connections within {StartupDeadline.TotalSeconds} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task<bool> ReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("pg_isready", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture)], cancellationToken);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private async Task StopAsync()
    {
        if (_root is null)
        {
            return;
        }

        if (_bin is not null && Directory.Exists(DataDirectory) && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], stop.Token);
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
            {
                _output.AppendLine("stopping: " + ex.Message);
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        _root = null;
    }

    /// <summary>Runs a PostgreSQL program (as the postgres user when we are root); throws when it fails.</summary>
    private Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        IsRoot
            ? RunRawAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin!, program), .. arguments], cancellationToken)
            : RunRawAsync(Path.Combine(_bin!, program), arguments, cancellationToken);

    private async Task RunRawAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = (await stdout) + (await stderr);
        lock (_output)
        {
            _output.AppendLine(text);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments.Take(3))}... failed ({process.ExitCode}): {text.Trim()}");
        }
    }

    private string Tail()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return text.Length <= 2000 ? text : text[^2000..];
        }
    }
}
