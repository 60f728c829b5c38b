from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_staff_permissions"),
        # The table is still created by the migration of eig, where reports were first made.
        ("eig", "0001_report"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="heartbeat_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Mis à jour par le calcul à mesure qu'il avance.",
                null=True,
                verbose_name="dernier signe de vie",
            ),
        ),
    ]
