using System.Globalization;
using Leads.Contracts.V1;
using Leads.QueryService.Grpc;
using Leads.Views;

namespace Leads.QueryService.ListFollowups;

/// <summary>
/// Leads in Follow-up whose follow-up date lies in [due_from, due_to] (either end open when empty), ordered by that
/// date, then lead id, paged by keyset (the token carries the window and the last date and lead id) and signed
/// (<see cref="PageTokenSigner"/>). The Follow-ups page asks for Overdue, Today and Upcoming with three windows.
/// </summary>
internal sealed class ListFollowupsQuery(ILeadViewStore views, PageTokenSigner tokens)
{
    public async Task<ListFollowupsReply> RunAsync(ListFollowupsRequest request, CancellationToken cancellationToken)
    {
        var window = new FollowupWindow(Date("due_from", request.DueFrom), Date("due_to", request.DueTo));
        if (window is { From: { } from, To: { } to } && to < from)
        {
            throw RpcErrors.InvalidArgument("due_to", $"due_to ({request.DueTo}) must not be before due_from ({request.DueFrom})");
        }

        RpcErrors.ThrowIfInvalidPageSize(request.PageSize, LeadPageToken.MaxPageSize);
        LeadPage page;
        try
        {
            page = await views.ListFollowupsAsync(window, request.PageSize, tokens.Open(request.PageToken), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidPageTokenException e)
        {
            throw RpcErrors.InvalidArgument("page_token", e.Message.Split(" (Parameter", 2)[0]);
        }

        var reply = new ListFollowupsReply { NextPageToken = tokens.Sign(page.NextPageToken) };
        reply.Leads.AddRange(page.Leads.Select(v => v.ToProto()));
        return reply;
    }

    private static DateOnly? Date(string field, string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length == 10 && text.All(ch => char.IsAsciiDigit(ch) || ch == '-') && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw RpcErrors.InvalidArgument(field, string.Create(CultureInfo.InvariantCulture,
            $"{field} must be a calendar date written yyyy-mm-dd, or empty for no bound (got {text.Length} characters that are not one)"));
    }
}
