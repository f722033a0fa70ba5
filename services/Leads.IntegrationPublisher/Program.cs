using Leads.IntegrationPublisher;
using Leads.IntegrationPublisher.Publishing;
using Leads.ServiceDefaults;

// The integration publisher: follows the lead events in the event store and publishes them as integration events
// (Leads.IntegrationEvents.V1) with MassTransit, on RabbitMQ when ConnectionStrings:rabbitmq is set, in memory
// otherwise. Health on 127.0.0.1:5106 by default.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(PublisherMetrics.MeterName);
builder.AddIntegrationPublisher();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
