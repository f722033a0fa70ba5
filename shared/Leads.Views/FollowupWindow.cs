namespace Leads.Views;

/// <summary>
/// The follow-up dates ListFollowups covers, both ends inclusive, either open (null). Dates are calendar days, compared
/// as their ISO text (<c>yyyy-mm-dd</c>) in the stores.
/// </summary>
public sealed record FollowupWindow(DateOnly? From, DateOnly? To)
{
    public static FollowupWindow Any { get; } = new(null, null);

    /// <summary>The window as a page token carries it.</summary>
    internal string Key => FollowupPageToken.Text(From) + "|" + FollowupPageToken.Text(To);

    /// <summary>Throws <see cref="ArgumentException"/> (naming <c>due_to</c>) when the window ends before it starts.</summary>
    public void Validate()
    {
        if (From is { } from && To is { } to && to < from)
        {
            throw new ArgumentException($"due_to ({FollowupPageToken.Text(to)}) is before due_from ({FollowupPageToken.Text(from)})", "due_to");
        }
    }
}
