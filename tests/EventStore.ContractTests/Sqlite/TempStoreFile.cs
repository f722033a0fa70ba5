namespace Leads.EventStore.ContractTests.Sqlite;

/// <summary>A fresh folder for one store file, deleted with everything in it afterwards.</summary>
public sealed class TempStoreFile : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "leads-es-tests", Guid.NewGuid().ToString("N"));

    public TempStoreFile()
    {
        Directory.CreateDirectory(_folder);
    }

    public string Path => System.IO.Path.Combine(_folder, "events.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failed test; the OS temp cleaner gets it.
        }
    }
}
