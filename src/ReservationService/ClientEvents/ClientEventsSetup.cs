using IceFarm.ReservationService.Hosting;

namespace IceFarm.ReservationService.ClientEvents;

internal static class ClientEventsSetup
{
    public static WebApplicationBuilder AddClientEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClientEventOptions>().BindConfiguration(ClientEventOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<OwnConnections>();
        builder.Services.AddSingleton<EvaluationClaims>();
        builder.Services.AddSingleton<ClientFeedStore>();
        builder.Services.AddSingleton<ReplicaNotifier>();
        builder.Services.AddSingleton<ClientEventHub>();
        builder.Services.AddHostedService<ClientEventWriter>();
        builder.Services.AddHostedService<ClientEventListener>();
        builder.Services.AddHostedService<ClientEventRetention>();
        return builder;
    }
}
