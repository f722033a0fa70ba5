using Google.Protobuf;
using Grpc.Core;

namespace Leads.ServiceDefaults.StrictParsing;

/// <summary>Request marshallers that turn a body the generated parser cannot read into InvalidArgument.</summary>
public static class MalformedRequests
{
    /// <summary><paramref name="generated"/>, with a failed parse thrown as InvalidArgument naming the method.</summary>
    public static Marshaller<TRequest> Refused<TRequest>(Marshaller<TRequest> generated, string method) => Marshallers.Create(
        generated.ContextualSerializer,
        context =>
        {
            try
            {
                return generated.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"the request is not a valid {typeof(TRequest).Name} message for {method}: {e.Message}"));
            }
        });
}
