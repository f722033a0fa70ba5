using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Leads.Security;

namespace Leads.Testing;

/// <summary>
/// One of our services running as a real child process on a loopback port, as it runs in production: started from
/// its built dll, ready once its grpc.health.v1 check says Serving, killed (SIGKILL) or stopped on demand.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>
    /// How long a service may take to serve: four services and an EventStoreDB node starting at once on two loaded cores
    /// were seen to need more than a minute.
    /// </summary>
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(180);

    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentBag<(string Text, TaskCompletionSource Seen)> watchers = [];
    private readonly Process process;

    private ServiceProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        this.process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
        Channel = TestTokens.Channel(Address, TestTokens.AllRoles);
    }

    public string Name { get; }
    public int Port { get; }
    public Uri Address { get; }

    /// <summary>A channel to the service (HTTP/2 cleartext) whose calls carry a token with every role, disposed with it.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>A new channel whose calls carry a test token with exactly <paramref name="roles"/>; the caller disposes it.</summary>
    public GrpcChannel ChannelAs(params string[] roles) => TestTokens.Channel(Address, TestTokens.For(roles));

    /// <summary>A new channel whose calls carry <paramref name="token"/> (none when null); the caller disposes it.</summary>
    public GrpcChannel ChannelWithToken(string? token) => TestTokens.Channel(Address, token);

    public int ProcessId => process.Id;
    public bool HasExited => process.HasExited;

    /// <summary>The last lines the service printed, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, output.TakeLast(80));

    /// <summary>Everything the service printed that is still kept (its last 500 lines).</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>
    /// Starts <paramref name="projectName"/> (a folder under services/) with the given configuration arguments, and
    /// <c>Auth:SigningKey</c> = <see cref="TestTokens.SigningKeyBase64"/> unless <paramref name="settings"/> set an
    /// <c>Auth:</c> key themselves. The host environment is <paramref name="environment"/> (Development unless told;
    /// null leaves it to the service's default, Production); without <paramref name="waitForHealth"/> it returns as soon
    /// as the process runs (for tests of how a service starts or fails to).
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string projectName,
        IReadOnlyDictionary<string, string> settings,
        int? port = null,
        bool waitForHealth = true,
        CancellationToken cancellationToken = default,
        string? environment = "Development")
    {
        // A port found free can be taken by another test process before the service binds it: when we chose the port
        // and the service could not bind it, try again on another one.
        for (var attempt = 1; ; attempt++)
        {
            var service = Launch(projectName, settings, port ?? FreePort.Next(), environment);
            if (!waitForHealth)
            {
                return service;
            }

            try
            {
                await service.WaitUntilServingAsync(StartDeadline, cancellationToken).ConfigureAwait(false);
                return service;
            }
            catch when (port is null && attempt < 3 && service.HasExited && service.LostItsPort)
            {
                await service.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await service.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private bool LostItsPort => output.Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase));

    private static ServiceProcess Launch(string projectName, IReadOnlyDictionary<string, string> settings, int chosenPort, string? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(RepositoryPaths.ServiceDll(projectName));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{chosenPort}");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        if (!settings.Keys.Any(key => key.StartsWith("Auth:", StringComparison.OrdinalIgnoreCase)))
        {
            info.ArgumentList.Add($"--{AuthSettings.SigningKeyKey}={TestTokens.SigningKeyBase64}");
        }

        info.Environment.Remove("DOTNET_ENVIRONMENT");
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        if (environment is not null)
        {
            info.Environment["DOTNET_ENVIRONMENT"] = environment;
            info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        // A collector configured for the test runner is not the service's: traces stay in the process.
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {projectName}");
        var service = new ServiceProcess(projectName, chosenPort, process);
        process.OutputDataReceived += (_, e) => service.Record(e.Data);
        process.ErrorDataReceived += (_, e) => service.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Polls grpc.health.v1 until Serving; fails at once if the process exits, or after <paramref name="deadline"/>.</summary>
    public async Task WaitUntilServingAsync(TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        var health = new Health.HealthClient(Channel);
        var giveUpAt = Stopwatch.GetTimestamp() + (long)(deadline.TotalSeconds * Stopwatch.Frequency);
        RpcException? last = null;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode}:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }

            if (Stopwatch.GetTimestamp() > giveUpAt)
            {
                throw new TimeoutException($"{Name} was not serving on port {Port} within {deadline.TotalSeconds:0} s:{Environment.NewLine}{RecentOutput}", last);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fails with the service's last output when the process has exited (for waits on what it writes elsewhere).</summary>
    public void ThrowIfExited()
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with code {process.ExitCode}:{Environment.NewLine}{RecentOutput}");
        }
    }

    /// <summary>The exit code once the process exits within <paramref name="deadline"/>; null while it keeps running.</summary>
    public async Task<int?> ExitCodeWithinAsync(TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }

        return process.ExitCode;
    }

    /// <summary>Waits until the service prints a line containing <paramref name="text"/>; false if it exits first or the deadline passes.</summary>
    public async Task<bool> PrintsAsync(string text, TimeSpan deadline, CancellationToken cancellationToken = default)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watchers.Add((text, seen));
        if (Printed(text))
        {
            return true;
        }

        try
        {
            await Task.WhenAny(seen.Task, process.WaitForExitAsync(cancellationToken)).WaitAsync(deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }

        return seen.Task.IsCompleted || Printed(text);
    }

    private bool Printed(string text) => output.Any(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>SIGKILL: the process gets no chance to flush or clean up.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await KillAsync().ConfigureAwait(false);
        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        foreach (var (text, seen) in watchers)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
        }

        while (output.Count > 500 && output.TryDequeue(out _))
        {
        }
    }
}
