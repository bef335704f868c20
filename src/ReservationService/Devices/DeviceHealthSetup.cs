namespace IceFarm.ReservationService.Devices;

internal static class DeviceHealthSetup
{
    public static WebApplicationBuilder AddDeviceHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
