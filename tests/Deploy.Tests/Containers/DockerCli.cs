using System.Diagnostics;
using System.Text;

namespace Leads.Deploy.Tests.Containers;

/// <summary>The docker command line, one call at a time with a deadline (never a pull: every image must exist here).</summary>
public static class DockerCli
{
    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? deadline = null)
    {
        var start = new ProcessStartInfo("docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline ?? DefaultDeadline);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("docker did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Result(127, "", $"no docker command line: {e.Message}");
        }

        using (process)
        {
            var output = new StringBuilder();
            var errors = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return new Result(124, output.ToString(), $"docker {string.Join(' ', start.ArgumentList)} did not finish within {(deadline ?? DefaultDeadline).TotalSeconds} s");
            }

            return new Result(process.ExitCode, output.ToString().Trim(), errors.ToString().Trim());
        }
    }

    public static Task<Result> RunAsync(CancellationToken cancellationToken, params string[] arguments) => RunAsync(arguments, cancellationToken);

    /// <summary>Runs the command and returns its output; throws with docker's own message when it fails.</summary>
    public static async Task<string> CheckedAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var result = await RunAsync(arguments, cancellationToken);
        return result.Succeeded
            ? result.Output
            : throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Errors}");
    }
}
