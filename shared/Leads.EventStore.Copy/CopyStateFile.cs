using System.Text.Json;

namespace Leads.EventStore.Copy;

/// <summary>
/// Where a copy from one store to another stands, in a small JSON file, so that a copy stopped at any moment (Ctrl-C,
/// SIGKILL, a crash) continues where it stopped. The file is replaced atomically (written beside, then renamed); it may
/// lag the target by the appends since its last save, which the copy re-sends and the target recognises by their
/// event ids. A file written for another source or target is refused rather than trusted.
/// </summary>
public sealed class CopyStateFile(string path, string source, string target)
{
    public string Path { get; } = path;

    /// <summary>The position up to which the target holds the source, and how many events that is (null: nothing yet).</summary>
    public CopyState? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var saved = JsonSerializer.Deserialize<Saved>(File.ReadAllBytes(Path))
            ?? throw new InvalidDataException($"{Path} is not a copy state file");
        if (saved.Source != source || saved.Target != target)
        {
            throw new InvalidOperationException(
                $"{Path} records a copy from {saved.Source} to {saved.Target}, not from {source} to {target}: give another --state file or delete it");
        }

        return new CopyState(new GlobalPosition(saved.Commit, saved.Prepare), saved.Events);
    }

    public void Save(CopyState state)
    {
        var temporary = Path + ".tmp";
        var saved = new Saved { Source = source, Target = target, Commit = state.Position.Commit, Prepare = state.Position.Prepare, Events = state.Events };
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(file, saved);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    private sealed class Saved
    {
        public string Source { get; init; } = "";
        public string Target { get; init; } = "";
        public ulong Commit { get; init; }
        public ulong Prepare { get; init; }
        public long Events { get; init; }
    }
}
