using Leads.Contracts.V1;
using Leads.QueryService.Grpc;
using Leads.Views;

namespace Leads.QueryService.ListLeads;

/// <summary>
/// Leads of one status (every status when LEAD_STATUS_UNSPECIFIED), ordered by lead id and paged by keyset: a page
/// token is the last lead id seen, so paging stays stable while leads are added or change status. Tokens are signed
/// (<see cref="PageTokenSigner"/>): an edited one is InvalidArgument.
/// </summary>
internal sealed class ListLeadsQuery(ILeadViewStore views, PageTokenSigner tokens)
{
    public async Task<ListLeadsReply> RunAsync(ListLeadsRequest request, CancellationToken cancellationToken)
    {
        if (!request.Status.IsKnown())
        {
            throw RpcErrors.InvalidArgument("status", $"status must be one of LEAD_STATUS_UNSPECIFIED (all), AVAILABLE, FOLLOW_UP, CLOSED, CONVERTED (got {(int)request.Status})");
        }

        RpcErrors.ThrowIfInvalidPageSize(request.PageSize, LeadPageToken.MaxPageSize);
        LeadPage page;
        try
        {
            page = await views.ListByStatusAsync(request.Status.ToDomain(), request.PageSize, tokens.Open(request.PageToken), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidPageTokenException e)
        {
            throw RpcErrors.InvalidArgument("page_token", e.Message.Split(" (Parameter", 2)[0]);
        }

        var reply = new ListLeadsReply { NextPageToken = tokens.Sign(page.NextPageToken) };
        reply.Leads.AddRange(page.Leads.Select(v => v.ToProto()));
        return reply;
    }
}
