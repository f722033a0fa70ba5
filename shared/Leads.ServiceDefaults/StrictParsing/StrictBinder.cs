using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Leads.ServiceDefaults.StrictParsing;

/// <summary>
/// Binds the unary and client-streaming methods of a generated gRPC service (<typeparamref name="TService"/>, an implementation of a
/// generated <c>...Base</c> class) with strict request parsing: a body that is not a valid protobuf message of the
/// request type (garbage, cut short, invalid UTF-8 in a string field, nested past the recursion limit) is refused with
/// InvalidArgument before the handler runs. Without this, gRPC answers such a body with Unknown ("Exception was thrown
/// by handler") and logs an error, which reads as a failure of ours rather than of the caller.
/// </summary>
internal static class StrictBinder<TService>
    where TService : class
{
    public static void Bind(ServiceMethodProviderContext<TService> context)
    {
        var bind = FindBindMethod(typeof(TService))
            ?? throw new InvalidOperationException($"{typeof(TService).Name} is not a generated gRPC service (no BindServiceMethod attribute)");
        bind.Invoke(null, [new Binder(context), null]);
    }

    private static MethodInfo? FindBindMethod(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return attribute.BindType.GetMethod(attribute.BindMethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static,
                    [typeof(ServiceBinderBase), t]);
            }
        }

        return null;
    }

    /// <summary>Receives the generated methods and adds each with its strict request marshaller and the service's metadata.</summary>
    private sealed class Binder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (target, strict, metadata) = Strict(method, typeof(TRequest));
            var call = target.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>();
            context.AddUnaryMethod(strict, metadata, (service, request, callContext) => call(service, request, callContext));
        }

        // A client stream is parsed message by message: the first malformed one ends the call with InvalidArgument.
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (target, strict, metadata) = Strict(method, typeof(IAsyncStreamReader<TRequest>));
            var call = target.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>();
            context.AddClientStreamingMethod(strict, metadata, (service, requests, callContext) => call(service, requests, callContext));
        }

        private static (MethodInfo Target, Method<TRequest, TResponse> Strict, List<object> Metadata) Strict<TRequest, TResponse>(
            Method<TRequest, TResponse> method, Type requestParameter)
            where TRequest : class
            where TResponse : class
        {
            var target = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, [requestParameter, typeof(ServerCallContext)])
                ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {method.Name}");
            var strict = new Method<TRequest, TResponse>(
                method.Type, method.ServiceName, method.Name, MalformedRequests.Refused(method.RequestMarshaller, method.FullName), method.ResponseMarshaller);
            return (target, strict, [.. typeof(TService).GetCustomAttributes(inherit: true), .. target.GetCustomAttributes(inherit: true)]);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            throw new NotSupportedException($"{method.FullName}: only unary methods are served strictly");

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            throw new NotSupportedException($"{method.FullName}: only unary methods are served strictly");
    }
}
