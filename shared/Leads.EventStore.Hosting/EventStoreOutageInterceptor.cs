using Grpc.Core;
using Grpc.Core.Interceptors;
using Leads.EventStore.EventStoreDb;

namespace Leads.EventStore.Hosting;

/// <summary>
/// Turns an event store that cannot be reached into the status a gRPC caller can act on: Unavailable, with a message
/// saying that the event store is unreachable and why, instead of Unknown ("Exception was thrown by handler"). The
/// EventStoreDB client has already retried the call (jittered backoff) before its failure arrives here: a node that is
/// down or restarting (Unavailable), a call that timed out (DeadlineExceeded, Aborted), a leader that kept moving.
/// Other failures pass through untouched.
/// </summary>
public sealed class EventStoreOutageInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (EventStoreDbException error) when (IsOutage(error))
        {
            throw Unavailable(error);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (EventStoreDbException error) when (IsOutage(error))
        {
            throw Unavailable(error);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (EventStoreDbException error) when (IsOutage(error))
        {
            throw Unavailable(error);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (EventStoreDbException error) when (IsOutage(error))
        {
            throw Unavailable(error);
        }
    }

    /// <summary>The store could not be reached or did not answer in time; not a refusal of this particular call.</summary>
    public static bool IsOutage(EventStoreDbException error) =>
        error is NotLeaderException
        || error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.Internal;

    public static RpcException Unavailable(EventStoreDbException error) => new(new Status(
        StatusCode.Unavailable,
        $"the event store is unreachable ({error.Message}); try again later: a command retried with the same command_id is carried out at most once"));
}
