using System.Security.Cryptography;
using System.Text;

namespace Leads.Security;

/// <summary>
/// The HS256 key the embedded default signs and verifies development tokens with: <c>auth-signing.key</c> in the data
/// directory, created on first use (64 random bytes, base64, mode 0600). Processes that start at once race safely: the
/// file is created exclusively (O_EXCL), and a process that loses the race reads the winner's key once it is complete
/// (the key line ends with a newline, written and flushed before anyone can see a whole line).
/// </summary>
public static class DevelopmentSigningKey
{
    public const string FileName = "auth-signing.key";
    private const int KeyBytes = 64;
    private static readonly TimeSpan CompletionWait = TimeSpan.FromSeconds(10);

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>The key in <paramref name="dataDirectory"/>, creating it (and the directory) if there is none yet.</summary>
    public static byte[] LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = PathIn(dataDirectory);
        if (TryRead(path) is { } existing)
        {
            return existing;
        }

        if (TryCreate(path) is { } created)
        {
            return created;
        }

        // Another process created it first: wait until its key line is complete.
        var giveUpAt = DateTime.UtcNow + CompletionWait;
        while (DateTime.UtcNow < giveUpAt)
        {
            if (TryRead(path) is { } written)
            {
                return written;
            }

            Thread.Sleep(20);
        }

        throw new InvalidOperationException($"{path} exists but holds no valid signing key; delete it to have a new one created");
    }

    /// <summary>The key in <paramref name="dataDirectory"/>, or null when none was created yet (the CLI never creates one).</summary>
    public static byte[]? TryLoad(string dataDirectory) => TryRead(PathIn(dataDirectory));

    private static byte[]? TryCreate(string path)
    {
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var file = new FileStream(path, options);
            file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
            file.Flush(flushToDisk: true);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    private static byte[]? TryRead(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.ASCII);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        if (!text.EndsWith('\n'))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length >= 32 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
