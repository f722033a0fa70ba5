using System.Text;

namespace Leads.Cli.Import;

/// <summary>
/// Reads CSV as RFC 4180 writes it: fields separated by commas, records by CRLF (a bare LF too); a field in double
/// quotes may hold commas, line breaks and doubled quotes (<c>""</c> is one <c>"</c>). Empty lines are skipped. A quote
/// left open at the end of the file, or text after a closing quote, is a <see cref="FormatException"/> naming the line.
/// </summary>
public static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = 1;
        var start = line;
        var quoted = false;
        var afterQuote = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch != '"')
                {
                    line += ch == '\n' ? 1 : 0;
                    field.Append(ch);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else
                {
                    quoted = false;
                    afterQuote = true;
                }

                continue;
            }

            switch (ch)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    afterQuote = false;
                    any = true;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\r' or '\n':
                    if (any || field.Length > 0 || fields.Count > 0 || afterQuote)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(start, [.. fields]);
                    }

                    fields.Clear();
                    field.Clear();
                    afterQuote = false;
                    any = false;
                    line++;
                    start = line;
                    break;
                case '"' when field.Length == 0 && !afterQuote:
                    quoted = true;
                    any = true;
                    break;
                default:
                    if (afterQuote)
                    {
                        throw new FormatException($"line {line}: text after a closing quote (a quote inside a quoted field is written \"\")");
                    }

                    field.Append(ch);
                    any = true;
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException($"line {start}: a quoted field is not closed before the end of the file");
        }

        if (any || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(start, [.. fields]);
        }
    }
}
