using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Leads.Contracts.V1;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>
/// The built command service running as a child process on a free loopback port over a given data directory, as it
/// runs in production (<c>dotnet Leads.CommandService.dll --urls ... --Leads:DataDirectory ...</c>). Ready once its
/// grpc.health.v1 check answers SERVING.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentBag<(string Text, TaskCompletionSource Seen)> _watchers = [];

    private ServiceProcess(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
        Address = new Uri($"http://127.0.0.1:{port}");
        Channel = TestTokens.Channel(Address, TestTokens.AllRoles);
        Client = new LeadCommands.LeadCommandsClient(Channel);
    }

    public int Port { get; }
    public Uri Address { get; }
    public string DataDirectory { get; }
    public string StorePath => Path.Combine(DataDirectory, "events.db");
    /// <summary>A channel whose calls carry a test token with every role (subject <see cref="TestTokens.Subject"/>).</summary>
    public GrpcChannel Channel { get; }
    public LeadCommands.LeadCommandsClient Client { get; }

    /// <summary>What the service printed so far, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<ServiceProcess> StartAsync(string dataDirectory, CancellationToken cancellationToken, params string[] extraArguments)
    {
        var service = Launch(dataDirectory, extraArguments);
        try
        {
            await service.WaitUntilServingAsync(cancellationToken);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>
    /// Starts the process without waiting for it to serve (for tests of how it starts or fails to). The service verifies
    /// tokens with the test key (<see cref="TestTokens.SigningKeyBase64"/>) unless an <c>--Auth:...</c> argument is given.
    /// </summary>
    public static ServiceProcess Launch(string dataDirectory, params string[] extraArguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Leads.CommandService.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("the command service build was not found beside the tests", dll);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        var auth = extraArguments.Any(a => a.StartsWith("--Auth:", StringComparison.OrdinalIgnoreCase))
            ? []
            : new[] { $"--Auth:SigningKey={TestTokens.SigningKeyBase64}" };
        foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--Leads:DataDirectory", dataDirectory }.Concat(auth).Concat(extraArguments))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the command service");
        var service = new ServiceProcess(process, port, dataDirectory);
        process.OutputDataReceived += (_, e) => service.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => service.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process exits within <paramref name="deadline"/>; null while it keeps running.</summary>
    public async Task<int?> ExitCodeWithinAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(deadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }

        return _process.ExitCode;
    }

    /// <summary>Waits until the service prints a line containing <paramref name="text"/>; false if it exits first or the deadline passes.</summary>
    public async Task<bool> PrintsAsync(string text, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _watchers.Add((text, seen));
        if (_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            return true;
        }

        try
        {
            await Task.WhenAny(seen.Task, _process.WaitForExitAsync(cancellationToken)).WaitAsync(deadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            return false;
        }

        return seen.Task.IsCompleted || _output.Any(line => line.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>SIGKILL, the whole process tree, with no chance to flush or finish anything.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>
    /// Asks grpc.health.v1 with wait-for-ready (the client retries the connection until the deadline), and gives up at
    /// once if the process exits.
    /// </summary>
    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        var health = new Health.HealthClient(Channel);
        var deadline = DateTime.UtcNow + StartDeadline;
        var exited = _process.WaitForExitAsync(cancellationToken);
        while (DateTime.UtcNow < deadline)
        {
            var check = health.CheckAsync(
                new HealthCheckRequest(),
                new CallOptions(deadline: deadline, cancellationToken: cancellationToken).WithWaitForReady()).ResponseAsync;
            var first = await Task.WhenAny(check, exited);
            if (first == exited)
            {
                throw new InvalidOperationException($"the command service exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{Output}");
            }

            try
            {
                if ((await check).Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                // Refused before Kestrel listened: wait-for-ready covers the connect, not every early failure.
            }
        }

        throw new TimeoutException($"the command service was not serving within {StartDeadline}:{Environment.NewLine}{Output}");
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        foreach (var (text, seen) in _watchers)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }

        while (_output.Count > 500 && _output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
