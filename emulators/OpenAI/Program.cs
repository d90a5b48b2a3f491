using Meshy3D.Emulators.OpenAI;

// Listens where ASPNETCORE_URLS / --urls say; configuration section "OpenAIEmulator".
var app = OpenAIEmulator.CreateApp(args);
app.Run();
