# Every service image, from one recipe: `docker build --network host --build-arg SERVICE=command-service -t leads/command-service:dev .`
# (or `make images`, which builds the six as docker-compose.yml names them). SERVICE picks the last stage below.
#
# Ports, per service: gRPC (grpc.health.v1) over cleartext HTTP/2 (prior knowledge) on its own port, and /health, /alive
# and /metrics over HTTP/1.1 on port 8080 (cleartext HTTP/2 cannot share a port with HTTP/1.1 in Kestrel, and probes and
# Prometheus speak HTTP/1.1). The query service adds the search page over HTTP/1.1 on 5103; the commissions example
# speaks HTTP/1.1 on its own port.
#
# Only the last stage reads SERVICE, so the build stages are the same for every image: Docker's layer cache is keyed by
# content, so the six images share one restore layer and one compile layer, and building all six costs one restore and
# one build. Restore depends only on the project files: a change to a .cs file reuses it and recompiles; a change to a
# .csproj or Directory.*.props restores again.
ARG SERVICE

# The classic builder sends the Dockerfile with the context even though .dockerignore leaves it out: this stage drops
# it, so that editing this file's service stages does not invalidate the compile layer.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS sources
WORKDIR /src
COPY . .
RUN find . -name Dockerfile -delete

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS projects
WORKDIR /src
COPY --from=sources /src .
# Only what `dotnet restore` reads: project files, the central build files and the .proto files the projects name.
RUN find . -type f ! -name '*.csproj' ! -name 'Directory.Build.props' ! -name 'Directory.Build.targets' \
      ! -name 'Directory.Packages.props' ! -name 'global.json' ! -name '*.proto' -delete \
    && find . -depth -type d -empty -delete

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY --from=projects /src .
RUN dotnet new sln --format slnx -n images >/dev/null && dotnet sln images.slnx add services/*/*.csproj >/dev/null \
    && dotnet restore images.slnx
COPY --from=sources /src .
RUN dotnet build images.slnx -c Release --no-restore -nologo -clp:ErrorsOnly -p:UseAppHost=false \
    && for project in services/*/*.csproj; do \
         dotnet publish "$project" -c Release --no-build -nologo -p:UseAppHost=false -o "/app/$(basename "$project" .csproj)" >/dev/null || exit 1; \
       done

# What every service image has: the ASP.NET runtime only (no SDK), the data directory, the ops port and its health check.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The data directory holds the embedded engines' files when no server is configured; the app user must own it.
RUN mkdir -p /data && chown $APP_UID /data
ENV ASPNETCORE_HTTP_PORTS= \
    Leads__DataDirectory=/data \
    OPS_PORT=8080 \
    Kestrel__Endpoints__ops__Url=http://+:8080 \
    Kestrel__Endpoints__ops__Protocols=Http1
VOLUME /data
# The image has no curl: bash speaks HTTP/1.1 to /health on the ops port itself.
HEALTHCHECK --interval=10s --timeout=10s --start-period=30s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/$OPS_PORT && printf "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3 && read -r status <&3 && [[ $status == *" 200 "* ]]'

# One stage per service: its own ports, its build output and its entry point.
# The write side: gRPC leads.v1.LeadCommands.
FROM runtime AS command-service
ENV Kestrel__EndpointDefaults__Protocols=Http2 \
    Kestrel__Endpoints__grpc__Url=http://+:5101 \
    Kestrel__Endpoints__grpc__Protocols=Http2
COPY --from=build /app/Leads.CommandService .
USER $APP_UID
EXPOSE 5101 8080
ENTRYPOINT ["dotnet", "Leads.CommandService.dll"]

# The read side: gRPC leads.v1.LeadQueries and leads.v1.ProjectionAdmin, and the search page with the read RPCs it
# calls as JSON (gRPC JSON transcoding).
FROM runtime AS query-service
ENV Kestrel__EndpointDefaults__Protocols=Http2 \
    Kestrel__Endpoints__grpc__Url=http://+:5102 \
    Kestrel__Endpoints__grpc__Protocols=Http2 \
    Kestrel__Endpoints__page__Url=http://+:5103 \
    Kestrel__Endpoints__page__Protocols=Http1
COPY --from=build /app/Leads.QueryService .
USER $APP_UID
EXPOSE 5102 8080 5103
ENTRYPOINT ["dotnet", "Leads.QueryService.dll"]

# The view projector: lead views and status logs (one active replica, the lease decides).
FROM runtime AS view-projector
ENV Kestrel__EndpointDefaults__Protocols=Http2 \
    Kestrel__Endpoints__grpc__Url=http://+:5104 \
    Kestrel__Endpoints__grpc__Protocols=Http2
COPY --from=build /app/Leads.ViewProjector .
USER $APP_UID
EXPOSE 5104 8080
ENTRYPOINT ["dotnet", "Leads.ViewProjector.dll"]

# The search projector: the lead search index (one active replica, the lease decides).
FROM runtime AS search-projector
ENV Kestrel__EndpointDefaults__Protocols=Http2 \
    Kestrel__Endpoints__grpc__Url=http://+:5105 \
    Kestrel__Endpoints__grpc__Protocols=Http2
COPY --from=build /app/Leads.SearchProjector .
USER $APP_UID
EXPOSE 5105 8080
ENTRYPOINT ["dotnet", "Leads.SearchProjector.dll"]

# The integration publisher: lead events to integration messages on the bus.
FROM runtime AS integration-publisher
ENV Kestrel__EndpointDefaults__Protocols=Http2 \
    Kestrel__Endpoints__grpc__Url=http://+:5106 \
    Kestrel__Endpoints__grpc__Protocols=Http2
COPY --from=build /app/Leads.IntegrationPublisher .
USER $APP_UID
EXPOSE 5106 8080
ENTRYPOINT ["dotnet", "Leads.IntegrationPublisher.dll"]

# The commissions example consumer: LeadConverted from the bus, GET /conversions over HTTP/1.1.
FROM runtime AS commissions
ENV Kestrel__Endpoints__http__Url=http://+:5107 \
    Kestrel__Endpoints__http__Protocols=Http1
COPY --from=build /app/Leads.Commissions .
USER $APP_UID
EXPOSE 5107 8080
ENTRYPOINT ["dotnet", "Leads.Commissions.dll"]

# The image: the stage SERVICE names (no default: a build without it fails instead of picking a service).
FROM ${SERVICE}
