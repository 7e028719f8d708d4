# The yearly situation picture and its action plan move from `documents` to this app. This
# migration takes them over in Django's state only, on the tables documents made
# (documents 0002): no row is touched. documents 0003 then forgets them, and 0002 here renames
# the tables and relabels their content types and audit rows.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('conferences', '0001_initial'),
        ('districts', '0003_area_exchange_started_on'),
        ('documents', '0002_situation_pictures'),
        ('measures', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='SituationPicture',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('window_start', models.DateField(verbose_name='data from')),
                ('window_end', models.DateField(verbose_name='data until')),
                ('status', models.CharField(choices=[('draft', 'draft'), ('decided', 'decided')], default='draft', max_length=10, verbose_name='status')),
                ('other_information', models.TextField(blank=True, max_length=10000, verbose_name='other relevant information')),
                ('analysis', models.TextField(blank=True, max_length=10000, verbose_name='analysis (causes)')),
                ('decided_on', models.DateField(blank=True, null=True, verbose_name='decided on')),
                ('deciding_body', models.CharField(blank=True, max_length=200, verbose_name='deciding body')),
                ('reference', models.CharField(blank=True, max_length=100, verbose_name='reference')),
                ('snapshot', models.JSONField(blank=True, editable=False, null=True)),
                ('frozen_pdf', models.BinaryField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('district', models.ForeignKey(blank=True, help_text='Empty for the whole municipality.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='districts.district', verbose_name='city area')),
            ],
            options={
                'verbose_name': 'yearly situation picture',
                'verbose_name_plural': 'yearly situation pictures',
                'ordering': ['-year', '-pk'],
                'db_table': 'documents_situationpicture',
                'constraints': [models.CheckConstraint(condition=models.Q(('window_start__lte', models.F('window_end'))), name='situation_picture_window_in_order')],
            },
        ),
        migrations.CreateModel(
            name='ActionPlanItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='order')),
                ('text', models.CharField(max_length=300, verbose_name='measure or priority')),
                ('owner', models.CharField(max_length=200, verbose_name='owner')),
                ('due_date', models.DateField(verbose_name='date')),
                ('measure', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='measures.measure', verbose_name='portal measure')),
                ('priority', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='conferences.priority', verbose_name='conference priority')),
                ('picture', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='action_items', to='situation_pictures.situationpicture')),
            ],
            options={
                'verbose_name': 'action plan item',
                'verbose_name_plural': 'action plan items',
                'ordering': ['order', 'due_date', 'pk'],
                'db_table': 'documents_actionplanitem',
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
    ]
