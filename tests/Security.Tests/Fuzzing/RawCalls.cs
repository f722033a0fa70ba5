using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>Unary calls with a hand-made request body: the bytes go on the wire exactly as given.</summary>
public static class RawCalls
{
    private static readonly Marshaller<byte[]> RawBytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    /// <summary>The status the call ended with (OK when it succeeded), with its trailers.</summary>
    public static async Task<(Status Status, Metadata Trailers)> SendAsync(
        CallInvoker invoker, MethodDescriptor rpc, byte[] payload, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var method = new Method<byte[], byte[]>(MethodType.Unary, rpc.Service.FullName, rpc.Name, RawBytes, RawBytes);
        try
        {
            using var call = invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow + deadline, cancellationToken: cancellationToken), payload);
            await call.ResponseAsync;
            return (Status.DefaultSuccess, call.GetTrailers());
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            return (e.Status, e.Trailers);
        }
    }
}
