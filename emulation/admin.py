from django.contrib import admin

from emulation.models import EmulationBloc


@admin.register(EmulationBloc)
class EmulationBlocAdmin(admin.ModelAdmin):
    list_display = ["name", "authority"]
    filter_horizontal = ["members"]
