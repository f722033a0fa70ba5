using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Leads.Testing;

namespace Leads.EventStore.EventStoreDb.Tests.StoreCopy;

/// <summary><c>leads store copy</c> run as a process, as an operator runs it, and SIGKILLed on demand.</summary>
internal sealed class StoreCopyCommand : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _state;

    private StoreCopyCommand(Process process, string state)
    {
        _process = process;
        _state = state;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static Task<StoreCopyCommand> StartAsync(string from, string to, string streams, string state, bool verify)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepositoryPaths.ServiceDll("Leads.Cli"));
        foreach (var arg in new[] { "store", "copy", "--from", from, "--to", to, "--streams", streams, "--state", state })
        {
            info.ArgumentList.Add(arg);
        }

        if (verify)
        {
            info.ArgumentList.Add("--verify");
        }

        info.Environment["TERM"] = "dumb";
        info.Environment["COLUMNS"] = "200";
        return Task.FromResult(new StoreCopyCommand(Process.Start(info) ?? throw new InvalidOperationException("could not start the CLI"), state));
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string from, string to, string streams, string state, bool verify, CancellationToken cancellationToken)
    {
        using var command = await StartAsync(from, to, streams, state, verify);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        await command._process.WaitForExitAsync(deadline.Token);
        return (command._process.ExitCode, command.Output);
    }

    /// <summary>How many events the copy's progress file says are in the target (0 before its first save).</summary>
    public static long CopiedSoFar(string state)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(state));
            return json.RootElement.GetProperty("Events").GetInt64();
        }
        catch (Exception e) when (e is FileNotFoundException or IOException or JsonException)
        {
            return 0;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>SIGKILL (nothing flushed, no handler runs); returns the events its progress file recorded at that moment.</summary>
    public long Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        return CopiedSoFar(_state);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
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
}
