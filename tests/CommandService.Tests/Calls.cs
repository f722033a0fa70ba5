using Grpc.Core;
using Leads.Contracts.V1;

namespace Leads.CommandService.Tests;

/// <summary>Short ways to send the commands the tests need, and to catch the status of a refused one.</summary>
public static class Calls
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<LeadCommandReply> InitializeAsync(this LeadCommands.LeadCommandsClient client, long leadId, string? commandId = null) =>
        await client.InitializeLeadAsync(
            new InitializeLeadRequest
            {
                LeadId = leadId,
                Name = $"Lead {leadId}",
                Email = $"lead{leadId}@example.com",
                Phone = "03-27243457",
                CommandId = commandId ?? "",
            },
            cancellationToken: Token);

    public static async Task<LeadCommandReply> RenameAsync(
        this LeadCommands.LeadCommandsClient client, long leadId, string name, ulong? expectedRevision = null, string? commandId = null)
    {
        var request = new ChangeNameRequest { LeadId = leadId, Name = name, CommandId = commandId ?? "" };
        if (expectedRevision is { } r)
        {
            request.ExpectedRevision = r;
        }

        return await client.ChangeNameAsync(request, cancellationToken: Token);
    }

    public static async Task<LeadCommandReply> ChangeContactAsync(
        this LeadCommands.LeadCommandsClient client, long leadId, string email, string phone, ulong? expectedRevision = null, string? commandId = null)
    {
        var request = new ChangeContactInfoRequest { LeadId = leadId, Email = email, Phone = phone, CommandId = commandId ?? "" };
        if (expectedRevision is { } r)
        {
            request.ExpectedRevision = r;
        }

        return await client.ChangeContactInfoAsync(request, cancellationToken: Token);
    }

    public static async Task<LeadCommandReply> ChangeStatusAsync(
        this LeadCommands.LeadCommandsClient client, long leadId, LeadStatus status, ulong? expectedRevision = null, string? commandId = null)
    {
        var request = new ChangeStatusRequest { LeadId = leadId, Status = status, CommandId = commandId ?? "" };
        if (expectedRevision is { } r)
        {
            request.ExpectedRevision = r;
        }

        return await client.ChangeStatusAsync(request, cancellationToken: Token);
    }

    public static async Task<LeadCommandReply> SetFollowupAsync(
        this LeadCommands.LeadCommandsClient client, long leadId, string date, ulong? expectedRevision = null, string? commandId = null)
    {
        var request = new SetFollowupRequest { LeadId = leadId, FollowupOn = date, CommandId = commandId ?? "" };
        if (expectedRevision is { } r)
        {
            request.ExpectedRevision = r;
        }

        return await client.SetFollowupAsync(request, cancellationToken: Token);
    }

    /// <summary>The lead's erasure receipt, or null while it has none (NotFound).</summary>
    public static async Task<ErasureReceipt?> ReceiptOrNullAsync(this LeadCommands.LeadCommandsClient client, long leadId)
    {
        try
        {
            return await client.GetErasureReceiptAsync(new GetErasureReceiptRequest { LeadId = leadId }, cancellationToken: Token);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Runs a call that must fail and returns its status, asserting the code.</summary>
    public static async Task<RpcException> RefusedAsync(StatusCode expected, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(expected == error.StatusCode, $"expected {expected}, got {error.StatusCode}: {error.Status.Detail}");
        return error;
    }

    public static string? Trailer(this RpcException error, string key) => error.Trailers.GetValue(key);
}
