using Leads.Cli.Import;

namespace Leads.Cli.Tests;

/// <summary>Reading an import file: RFC 4180 records with their lines, the header's columns, and rows as sent.</summary>
public sealed class ImportCsvTests
{
    private static List<CsvRecord> Read(string csv) => [.. CsvRecords.Read(new StringReader(csv))];

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks_and_keep_the_line_they_start_on()
    {
        var records = Read("name,email\r\n\"Hopper, Grace\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x\r\nlast,y");

        Assert.Equal([1L, 2, 3, 5], records.Select(r => r.Line));
        Assert.Equal(["Hopper, Grace", "say \"hi\""], records[1].Fields);
        Assert.Equal(["two\nlines", "x"], records[2].Fields);
        Assert.Equal(["last", "y"], records[3].Fields);
    }

    [Fact]
    public void Empty_fields_are_kept_and_empty_lines_are_skipped()
    {
        var records = Read("a,b,c\n\n,,\n\"\",x,\n");

        Assert.Equal([1L, 3, 4], records.Select(r => r.Line));
        Assert.Equal(["", "", ""], records[1].Fields);
        Assert.Equal(["", "x", ""], records[2].Fields);
    }

    [Fact]
    public void A_quote_left_open_names_the_line_where_its_field_starts()
    {
        var error = Assert.Throws<FormatException>(() => Read("a,b\nx,\"open\nstill open\n"));

        Assert.StartsWith("line 2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => Read("a,b\n\"x\"y,z\n"));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_names_columns_in_any_order_and_case_and_the_row_carries_each_field()
    {
        var records = Read("Lead_ID,Phone,EMAIL,name,followup_on,status\n42,+49 30 1234567,ada@example.com,Ada Lovelace, 2027-01-02 , Follow-up \n");
        var columns = ImportCsvColumns.FromHeader(records[0]);

        var (row, rejected) = columns.ToRow(records[1]);

        Assert.Null(rejected);
        Assert.NotNull(row);
        Assert.Equal(
            ("Ada Lovelace", "ada@example.com", "+49 30 1234567", "Follow-up", "2027-01-02", 42L, 2L),
            (row.Name, row.Email, row.Phone, row.Status, row.FollowupOn, row.LeadId, row.Line));
    }

    [Fact]
    public void Without_a_lead_id_column_a_row_has_no_lead_id_and_the_service_derives_one()
    {
        var records = Read("name,email,phone\nAda,ada@example.com,12345\n");

        var (row, _) = ImportCsvColumns.FromHeader(records[0]).ToRow(records[1]);

        Assert.False(row!.HasLeadId);
        Assert.Equal("", row.Status);
    }

    [Theory]
    [InlineData("name,email", "lacks phone")]
    [InlineData("name,email,phone,notes", "unknown column 'notes'")]
    [InlineData("name,email,phone,Name", "column 'name' appears twice")]
    public void A_header_without_the_required_columns_or_with_unknown_or_repeated_ones_is_refused(string header, string message)
    {
        var error = Assert.Throws<FormatException>(() => ImportCsvColumns.FromHeader(Read(header)[0]));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ada,ada@example.com,12345,7,extra", "row", "expected 4 fields as in the header, got 5")]
    [InlineData("Ada,ada@example.com", "row", "expected 4 fields as in the header, got 2")]
    [InlineData("Ada,ada@example.com,12345,4x2", "lead_id", "lead_id '4x2' is not a positive whole number")]
    [InlineData("Ada,ada@example.com,12345,-3", "lead_id", "lead_id '-3' is not a positive whole number")]
    public void A_record_that_cannot_be_sent_is_rejected_with_its_line_field_and_message(string record, string field, string message)
    {
        var columns = ImportCsvColumns.FromHeader(Read("name,email,phone,lead_id")[0]);

        var (row, rejected) = columns.ToRow(Read("h\n" + record)[1]);

        Assert.Null(row);
        Assert.Equal((2L, field, message), (rejected!.Line, rejected.Field, rejected.Message));
    }
}
