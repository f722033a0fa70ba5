using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Leads.Testing;

/// <summary>
/// A private RabbitMQ node from Debian's <c>rabbitmq-server</c> package, started for the test run on free loopback ports
/// with its own temporary directory (data, logs, Erlang cookie, no plugins), stopped and removed at the end. The
/// node runs as the current user (the package's inner script, not its wrapper that drops to the rabbitmq user), so
/// nothing needs chown. Each test gets its own virtual host, so tests never see each other's exchanges and queues.
/// When it cannot start, <see cref="UnavailableReason"/> says why and the tests using it skip with it, or starting
/// throws when <c>RABBITMQ_REQUIRED=1</c> (CI). Shared by the suites that publish to a real broker (integration events,
/// containers, the cluster), each wrapping it in the fixture its test framework needs.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private static readonly string[] ServerScripts = ["/usr/lib/rabbitmq/bin/rabbitmq-server", "/usr/lib/rabbitmq/sbin/rabbitmq-server"];
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _output = new();

    // Process.WaitForExitAsync also waits for the end of redirected output, which never comes when the node started
    // epmd (a daemon that inherits the pipes): wait for the process itself.
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _server;
    private string? _root;
    private int _virtualHosts;

    public bool Available { get; private set; }

    public string? UnavailableReason { get; private set; }

    public string NodeName { get; } = $"leads-test-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}@localhost";

    public int Port { get; private set; }

    public static bool Required => Environment.GetEnvironmentVariable("RABBITMQ_REQUIRED") == "1";

    /// <summary>Starts the node; when it cannot, <see cref="Available"/> stays false and <see cref="UnavailableReason"/> says why.</summary>
    public async ValueTask TryStartAsync()
    {
        try
        {
            await StartAsync(CancellationToken.None);
            Available = true;
        }
        catch (Exception ex)
        {
            UnavailableReason = $"RabbitMQ could not be started here ({ex.Message}); install Debian's rabbitmq-server. Output: {Tail()}";
            await StopAsync();
            if (Required)
            {
                throw new InvalidOperationException("RABBITMQ_REQUIRED=1 but " + UnavailableReason, ex);
            }
        }
    }

    /// <summary>A new, empty virtual host with guest's permissions; its <c>amqp://</c> connection string.</summary>
    public async Task<string> CreateVirtualHostAsync(string purpose, CancellationToken cancellationToken)
    {
        var name = $"{purpose}-{Interlocked.Increment(ref _virtualHosts)}";
        await CtlAsync(["add_vhost", name], cancellationToken);
        await CtlAsync(["set_permissions", "-p", name, "guest", ".*", ".*", ".*"], cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"amqp://guest:guest@127.0.0.1:{Port}/{Uri.EscapeDataString(name)}");
    }

    /// <summary>Stops the broker application (the listener closes, connections drop); the Erlang node stays up.</summary>
    public Task StopBrokerAsync(CancellationToken cancellationToken) => CtlAsync(["stop_app"], cancellationToken);

    /// <summary>Starts the broker application again (durable queues and persistent messages are back).</summary>
    public async Task StartBrokerAsync(CancellationToken cancellationToken)
    {
        await CtlAsync(["start_app"], cancellationToken);
        await CtlAsync(["await_startup"], cancellationToken);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var script = ServerScripts.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("rabbitmq-server is not installed (looked for " + string.Join(", ", ServerScripts) + ")");
        _root = Directory.CreateTempSubdirectory("leads-rabbitmq-").FullName;
        foreach (var folder in new[] { "home", "mnesia", "log" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
        }

        await File.WriteAllTextAsync(Path.Combine(_root, "enabled_plugins"), "[].", cancellationToken);

        // Our own cookie before anything starts, so the node and rabbitmqctl never race to create different ones.
        var cookie = Path.Combine(_root, "home", ".erlang.cookie");
        await File.WriteAllTextAsync(cookie, Convert.ToHexString(Guid.NewGuid().ToByteArray()), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
        await File.WriteAllTextAsync(Path.Combine(_root, "rabbitmq-env.conf"), "", cancellationToken);
        Port = FreePort.Next();

        var start = new ProcessStartInfo(script)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        Configure(start.Environment);
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_root, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_root, "log");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_root, "enabled_plugins");
        start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_root, "rabbitmq");
        start.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_root, "rabbitmq-env.conf");

        _server = new Process { StartInfo = start, EnableRaisingEvents = true };
        _server.Exited += (_, _) => _exited.TrySetResult();
        _server.OutputDataReceived += (_, e) => Append(e.Data);
        _server.ErrorDataReceived += (_, e) => Append(e.Data);
        _server.Start();
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        // await_startup fails at once until the node has registered with epmd: retry it until the deadline.
        var deadline = Stopwatch.StartNew();
        string? lastError = null;
        while (deadline.Elapsed < StartupDeadline)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"rabbitmq-server exited with code {_server.ExitCode}");
            }

            var (code, output) = await RunCtlAsync(["await_startup", "--timeout", "10"], cancellationToken);
            if (code == 0)
            {
                return;
            }

            lastError = output;
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new TimeoutException($"the node did not start within {StartupDeadline.TotalSeconds} s: {lastError}");
    }

    private async Task StopAsync()
    {
        if (_server is { HasExited: false })
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await RunCtlAsync(["stop"], stop.Token);
                await _exited.Task.WaitAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
            }

            if (!_server.HasExited)
            {
                _server.Kill(entireProcessTree: true);
                await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        _server?.Dispose();
        _server = null;
        if (_root is not null && Directory.Exists(_root))
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task CtlAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var (code, output) = await RunCtlAsync(arguments, cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({code}): {output}");
        }
    }

    private async Task<(int Code, string Output)> RunCtlAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetDirectoryName(ServerScripts.First(File.Exists))!, "rabbitmqctl");
        var start = new ProcessStartInfo(script)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        Configure(start.Environment);
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(NodeName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var ctl = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ctl.Exited += (_, _) => exited.TrySetResult();
        ctl.Start();
        var stdout = ctl.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = ctl.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await exited.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            ctl.Kill(entireProcessTree: true);
            throw;
        }

        // An epmd daemon started by this call would hold the pipes open: do not wait for their end for long.
        var printed = await Task.WhenAll(stdout, stderr).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ContinueWith(
            t => t.IsCompletedSuccessfully ? t.Result : ["(output not read)"], TaskScheduler.Default);
        return (ctl.ExitCode, string.Concat(printed).Trim());
    }

    /// <summary>The node's name, its own HOME (so Erlang makes its cookie there) and a UTF-8 locale.</summary>
    private void Configure(IDictionary<string, string?> environment)
    {
        environment["HOME"] = Path.Combine(_root!, "home");
        environment["RABBITMQ_NODENAME"] = NodeName;
        environment["LC_ALL"] = "C.UTF-8";
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Tail()
    {
        lock (_output)
        {
            var text = _output.ToString();
            return text.Length > 2000 ? text[^2000..] : text;
        }
    }

}
