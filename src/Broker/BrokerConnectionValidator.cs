using Microsoft.Extensions.Options;

namespace IceFarm.Broker;

/// <summary>Refuses, at start, a broker address or TLS setting the process cannot honour (<see cref="BrokerConnection.TryCreate"/>).</summary>
internal sealed class BrokerConnectionValidator : IValidateOptions<BrokerConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerConnectionOptions options)
    {
        if (BrokerConnection.TryCreate(options, out var connection, out var errors))
        {
            connection.Dispose();
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(errors);
    }
}
