using System.Diagnostics;
using System.Globalization;

namespace Leads.Cli.Import;

/// <summary>
/// The import's progress on stderr: a bar redrawn in place with rows, rows per second and the time left (from the share
/// of the file read) on a terminal; on a pipe or file one plain line a second instead, so logs stay readable.
/// </summary>
internal sealed class ImportProgress(long totalBytes, TextWriter error, bool terminal)
{
    private const int BarWidth = 30;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _shown;

    public void Report(long bytesRead, long rows)
    {
        var interval = terminal ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
        if (_shown is { } shown && _clock.Elapsed - shown < interval)
        {
            return;
        }

        _shown = _clock.Elapsed;
        Write(bytesRead, rows, done: false);
    }

    public void Finish(long bytesRead, long rows) => Write(bytesRead, rows, done: true);

    private void Write(long bytesRead, long rows, bool done)
    {
        var share = totalBytes <= 0 ? 1 : Math.Clamp((double)bytesRead / totalBytes, 0, 1);
        var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        var rate = rows / seconds;
        var left = share > 0 ? TimeSpan.FromSeconds(seconds / share - seconds) : TimeSpan.Zero;
        var text = string.Create(CultureInfo.InvariantCulture, $"{share * 100,3:0}% {rows:N0} rows, {rate:N0} rows/s, ETA {(done ? TimeSpan.Zero : left):hh\\:mm\\:ss}");
        if (terminal)
        {
            var filled = (int)Math.Round(share * BarWidth);
            error.Write($"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {text}   ");
            if (done)
            {
                error.WriteLine();
            }
        }
        else
        {
            error.WriteLine($"import: {text}");
        }

        error.Flush();
    }
}
