from django.db import migrations

SKILLS = [
    ("dev", "Développement"),
    ("design", "Design"),
    ("datascience", "Science des données"),
    ("dataengineering", "Ingénierie des données"),
    ("geomatique", "Géomatique"),
    ("droit", "Droit du numérique"),
]


def seed_skills(apps, schema_editor):
    Skill = apps.get_model("projects.Skill")
    for code, name in SKILLS:
        Skill.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_skills, migrations.RunPython.noop),
    ]
