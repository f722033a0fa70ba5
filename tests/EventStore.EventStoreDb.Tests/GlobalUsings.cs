global using Leads.EventStore.EventStoreDb.Tests.ProtocolFake;
