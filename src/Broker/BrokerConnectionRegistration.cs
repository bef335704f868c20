using IceFarm.Contracts;
using IceFarm.Contracts.Workers;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IceFarm.Broker;

/// <summary>The broker connection of a process: settings read and checked at start, then one <see cref="BrokerConnection"/>.</summary>
internal static class BrokerConnectionRegistration
{
    /// <summary>
    /// Reads <c>ConnectionStrings:RabbitMq</c>, <c>RabbitMq:PasswordFile</c> and <c>RabbitMq:Tls</c> and checks them when
    /// the host starts (ValidateOnStart): an unknown scheme, an unreadable CA or password file or an unknown TLS setting
    /// stops the process with a message naming the setting.
    /// </summary>
    public static IServiceCollection AddBrokerConnection(this IServiceCollection services)
    {
        services.AddOptions<BrokerConnectionOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.Uri = configuration.GetConnectionString("RabbitMq");
                options.PasswordFile = configuration[BrokerConnectionOptions.PasswordFileKey];
                var tls = configuration.GetSection(BrokerConnectionOptions.TlsSection);
                options.CaCertificate = tls[BrokerConnectionOptions.CaCertificateKey];
                options.UnknownTlsSettings =
                [
                    .. tls.GetChildren().Select(c => c.Key)
                        .Where(k => !string.Equals(k, BrokerConnectionOptions.CaCertificateKey, StringComparison.OrdinalIgnoreCase)),
                ];
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrokerConnectionOptions>, BrokerConnectionValidator>();
        services.AddSingleton(sp =>
        {
            // Value throws the validation's message if the settings are wrong, wherever the bus is first asked for.
            var options = sp.GetRequiredService<IOptions<BrokerConnectionOptions>>().Value;
            return BrokerConnection.Create(options);
        });
        return services;
    }

    /// <summary>Connects the bus to the broker of <see cref="AddBrokerConnection"/>.</summary>
    public static void ConnectToBroker(this IRabbitMqBusFactoryConfigurator bus, IServiceProvider services)
    {
        services.GetRequiredService<BrokerConnection>().ConfigureHost(bus);
        // Publishing a message also declares an exchange for each interface it implements, bound from the message's own.
        // Nothing consumes these interfaces, and binding from an exchange needs read permission on it, which a worker's
        // broker user must not have on the exchanges of its reports (it could then bind them to its queue and read every
        // worker's results): docs/security.md.
        bus.Publish<IMessage>(p => p.Exclude = true);
        bus.Publish<IWorkerMessage>(p => p.Exclude = true);
    }
}
