using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Projections.Tests.Support;

/// <summary>The built view projector started as a child process (as in production), killed with SIGKILL on demand.</summary>
public sealed class ViewProjectorProcess : IAsyncDisposable
{
    private const string Project = "Leads.ViewProjector";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ViewProjectorProcess(Process process) => _process = process;

    public string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(60));

    public static ViewProjectorProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{Leads.Testing.FreePort.Next()}");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the view projector");
        var started = new ViewProjectorProcess(process);
        process.OutputDataReceived += (_, e) => started.Record(e.Data);
        process.ErrorDataReceived += (_, e) => started.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"the view projector exited with {_process.ExitCode}:{Environment.NewLine}{RecentOutput}");
        }
    }

    /// <summary>SIGKILL: no chance to flush or clean up.</summary>
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
        await KillAsync();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static string Dll()
    {
        var root = typeof(ViewProjectorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        var artifacts = Environment.GetEnvironmentVariable("LEADS_ARTIFACTS");
        var candidates = new List<string>();
        foreach (var config in new[] { "debug", "release" })
        {
            if (!string.IsNullOrEmpty(artifacts))
            {
                candidates.Add(Path.Combine(artifacts, "bin", Project, config, Project + ".dll"));
            }

            candidates.Add(Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", Project, config, Project + ".dll")));
            candidates.Add(Path.Combine(root, "services", Project, "bin", config == "debug" ? "Debug" : "Release", "net10.0", Project + ".dll"));
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{Project}.dll is not built; looked in {string.Join(", ", candidates)}");
    }
}
