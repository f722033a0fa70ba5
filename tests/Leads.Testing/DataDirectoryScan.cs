using System.Text;

namespace Leads.Testing;

/// <summary>
/// Every file of a data directory read byte by byte, as a copy of the disk would be, searched for values in UTF-8 and
/// UTF-16 (little and big endian). Files are opened without blocking the services that write them; a file deleted
/// between the listing and the read (a merged Lucene segment) is no longer on disk and is skipped.
/// </summary>
public static class DataDirectoryScan
{
    private static readonly (string Name, Encoding Encoding)[] Encodings =
        [("UTF-8", new UTF8Encoding(false)), ("UTF-16LE", new UnicodeEncoding(false, false)), ("UTF-16BE", new UnicodeEncoding(true, false))];

    /// <summary>"file: value (encoding)" for each value found in each file; empty when none is anywhere.</summary>
    public static async Task<List<string>> FindAsync(string directory, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            if (await ReadAsync(path, cancellationToken) is not { } bytes)
            {
                continue;
            }

            foreach (var value in values)
            {
                foreach (var (name, encoding) in Encodings)
                {
                    if (bytes.AsSpan().IndexOf(encoding.GetBytes(value)) >= 0)
                    {
                        found.Add($"{Path.GetRelativePath(directory, path)}: {value} ({name})");
                    }
                }
            }
        }

        return found;
    }

    /// <summary>The files the scan reads, for the report.</summary>
    public static IReadOnlyList<string> Files(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(directory, p)).Order(StringComparer.Ordinal)];

    private static async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await using (file)
            {
                using var copy = new MemoryStream();
                await file.CopyToAsync(copy, cancellationToken);
                return copy.ToArray();
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
