namespace IceFarm.ReservationService.Workers;

internal static class ReconciliationSetup
{
    public static WebApplicationBuilder AddReconciliation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReconciliationMetrics>();
        builder.Services.AddSingleton<HeartbeatReconciler>();
        return builder;
    }
}
