using System.CommandLine;
using System.Text;
using Grpc.Core;
using Leads.Cli.Shell;
using Leads.Contracts.V1;

namespace Leads.Cli.Import;

/// <summary>
/// <c>import FILE [--import-key KEY]</c>: streams a CSV file's leads to ImportLeads (header
/// <c>name,email,phone[,status][,followup][,lead_id]</c>), shows progress on stderr, then prints the summary and every
/// rejected row (line, field, message) on stdout. Exit codes: 0 all rows imported (or already there), 1 rows were
/// rejected, 2 the file or the call failed. Importing the same file again writes nothing.
/// </summary>
internal static class ImportCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV with a header: name,email,phone[,status][,followup][,lead_id]" };
        var key = new Option<string?>("--import-key") { Description = "Derives the ids of rows without lead_id (default: the file's name); the same key and rows write nothing again" };
        var import = new Command("import", "Bulk-import leads from a CSV file (idempotent: importing it again writes nothing)") { file, key };
        import.SetAction((parse, ct) => ImportAsync(Endpoints.Commands(parse), parse.GetValue(file)!, parse.GetValue(key), ct));
        return import;
    }

    private static async Task<int> ImportAsync(LeadCommands.LeadCommandsClient commands, FileInfo file, string? importKey, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"import: no file {file.FullName}");
            return 2;
        }

        var rejected = new List<RejectedRow>();
        try
        {
            await using var stream = file.OpenRead();
            using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var reply = await SendAsync(commands, stream, text, importKey ?? file.Name, rejected, cancellationToken);
            rejected.AddRange(reply.RejectedRows);
            Report(reply, rejected);
            return rejected.Count > 0 || reply.Rejected > 0 ? 1 : 0;
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"import: {file.Name}: {e.Message}");
            return 2;
        }
        catch (RpcException e)
        {
            await Console.Error.WriteLineAsync($"import: {e.StatusCode}: {e.Status.Detail}");
            return 2;
        }
    }

    private static async Task<ImportLeadsReply> SendAsync(
        LeadCommands.LeadCommandsClient commands, Stream stream, StreamReader text, string importKey, List<RejectedRow> rejected, CancellationToken cancellationToken)
    {
        using var records = CsvRecords.Read(text).GetEnumerator();
        var columns = records.MoveNext() ? ImportCsvColumns.FromHeader(records.Current) : throw new FormatException("the file is empty (expected a header)");
        var progress = new ImportProgress(stream.Length, Console.Error, terminal: !Console.IsErrorRedirected);
        // An import runs as long as its file needs, not the service's default deadline for a single command.
        using var call = commands.ImportLeads(deadline: DateTime.UtcNow.AddHours(12), cancellationToken: cancellationToken);
        long rows = 0;
        var first = true;
        while (records.MoveNext())
        {
            rows++;
            var (row, refused) = columns.ToRow(records.Current);
            if (refused is not null)
            {
                rejected.Add(refused);
            }
            else
            {
                row!.ImportKey = first ? importKey : "";
                first = false;
                await call.RequestStream.WriteAsync(row, cancellationToken);
            }

            progress.Report(stream.Position, rows);
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;
        progress.Finish(stream.Position, rows);
        return reply;
    }

    private static void Report(ImportLeadsReply reply, List<RejectedRow> rejected)
    {
        var local = rejected.Count - reply.RejectedRows.Count;
        Console.WriteLine($"imported {reply.Imported:N0} lead(s), {reply.AlreadyImported:N0} already imported, {reply.Rejected + local:N0} row(s) rejected; last position {reply.Position}");
        if (reply.Rejected > reply.RejectedRows.Count)
        {
            Console.WriteLine($"(the service listed the first {reply.RejectedRows.Count:N0} of its {reply.Rejected:N0} rejected rows)");
        }

        if (rejected.Count == 0)
        {
            return;
        }

        Console.WriteLine("line\tfield\tmessage");
        foreach (var row in rejected.OrderBy(r => r.Line))
        {
            Console.WriteLine($"{row.Line}\t{row.Field}\t{row.Message}");
        }
    }
}
