namespace IceFarm.Testing;

/// <summary>Addresses of the test servers: an admin connection to PostgreSQL, and RabbitMQ's AMQP and management URIs.</summary>
public sealed record ServerEndpoints(string Postgres, Uri RabbitMq, Uri RabbitMqManagement);
