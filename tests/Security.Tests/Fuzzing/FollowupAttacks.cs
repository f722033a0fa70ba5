namespace Leads.Security.Tests.Fuzzing;

/// <summary>The attacks on LeadQueries.ListFollowups (fields: 1 due_from, 2 due_to, 3 page_size, 4 page_token).</summary>
public static class FollowupAttacks
{
    public static IReadOnlyList<Attack> ListFollowups { get; } =
    [
        new("bad dates", (c, r) =>
        {
            var date = HostileValues.BadDate(r);
            var field = r.Next(1, 3);
            return new(Window(c, r).String(field, date).Build(r), Expectation.Invalid, $"{(field == 1 ? "due_from" : "due_to")} = {CommandAttacks.Escaped(date)}");
        }),
        new("window ends before it starts", (c, r) =>
            new(Window(c, r).String(1, "2030-01-02").String(2, "2030-01-01").Build(r), Expectation.Invalid, "due_to before due_from")),
        .. QueryAttacks.PageSize(3, 500, Window),
        .. QueryAttacks.PageToken(4, Window, (c, r) => r.Next(2) switch
        {
            0 => (QueryAttacks.Edited(r, c.ListToken), "a ListLeads token, edited", Expectation.Invalid),
            _ => (c.ListToken, "a real ListLeads token", Expectation.Invalid),
        }),
    ];

    private static Fields Window(FuzzContext c, Random r) => new Fields().Int32(3, r.Next(1, 501));
}
