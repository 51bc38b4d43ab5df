{#- The citizen app's cases, written to raw.app_complaints by the app's extract
    (app/operations/extract.py). Until the first extract the table does not exist: the model then
    has the same columns and no rows, so the build never depends on the app having run. -#}
-- depends_on: {{ source('citizen_app', 'app_complaints') }}

{%- set app_complaints = adapter.get_relation(
    database='raw_db', schema='raw', identifier='app_complaints'
) if execute else none %}

with

source as (
    {% if app_complaints is not none %}
    select * from {{ source('citizen_app', 'app_complaints') }}
    {% else %}
    select
        cast(null as varchar) as case_id,
        cast(null as varchar) as category_code,
        cast(null as varchar) as tambon_code,
        cast(null as varchar) as amphoe_code,
        cast(null as double) as latitude,
        cast(null as double) as longitude,
        cast(null as varchar) as status,
        cast(null as varchar) as agency_code,
        cast(null as varchar) as duplicate_of,
        cast(null as boolean) as is_escalated,
        cast(null as bigint) as rating,
        cast(null as timestamp) as received_at,
        cast(null as timestamp) as resolved_at,
        cast(null as timestamp) as updated_at,
        cast(null as timestamp) as _loaded_at
    where false
    {% endif %}
),

renamed as (
    select
        -- ids
        case_id,
        category_code,
        tambon_code,
        amphoe_code,
        agency_code,
        duplicate_of as duplicate_of_case_id,

        -- strings
        status as status_text,

        -- numbers
        latitude,
        longitude,
        rating,

        -- booleans
        is_escalated,

        -- timestamps
        received_at,
        resolved_at,
        updated_at,
        _loaded_at as loaded_at

    from source
)

select * from renamed
