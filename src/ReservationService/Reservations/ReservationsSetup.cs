namespace IceFarm.ReservationService.Reservations;

internal static class ReservationsSetup
{
    public static WebApplicationBuilder AddReservations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReservationOptions>().BindConfiguration(ReservationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Evaluations.EvaluationOptions>().BindConfiguration(Evaluations.EvaluationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DeviceAllocator>();
        builder.Services.AddSingleton<ReservationEnder>();
        return builder;
    }
}
