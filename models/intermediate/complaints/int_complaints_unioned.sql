{#-
    Every complaint feed in one shape, one row per complaint, ids prefixed by source.
    To add a feed: stage it, add one CTE below that selects exactly these columns, and add it to
    `unioned`. Closing dates without a time of day count at the end of that day.
-#}

with

traffy as (
    select
        'TRF-' || ticket_id as complaint_id,
        'traffy_complaints' as source_feed,
        ticket_id as source_record_id,
        'traffy fondue' as channel_text,
        category_text,
        status_text,
        assigned_unit,
        tambon_text as area_text,
        tambon_code,
        latitude,
        longitude,
        reported_at as received_at,
        cast(null as timestamp) as closed_at_reported,
        last_activity_at
    from {{ ref('stg_traffy__tickets') }}
    -- weekly exports overlap: keep each ticket's latest state
    qualify row_number() over (
        partition by ticket_id
        order by last_activity_at desc nulls last, loaded_at desc, file_name desc
    ) = 1
),

damrongdhama as (
    select
        'DDC-' || case_no as complaint_id,
        'damrongdhama_complaints' as source_feed,
        case_no as source_record_id,
        'สายด่วน 1567' as channel_text,
        main_type as category_text,
        status_text,
        assigned_unit,
        incident_tambon_text as area_text,
        tambon_code,
        cast(null as double) as latitude,
        cast(null as double) as longitude,
        cast(received_date as timestamp) as received_at,
        cast(closed_date as timestamp) + interval 1 day - interval 1 second as closed_at_reported,
        cast(null as timestamp) as last_activity_at
    from {{ ref('stg_damrongdhama__cases') }}
    qualify row_number() over (
        partition by case_no order by loaded_at desc, file_name desc
    ) = 1
),

agency_registers as (
    select
        'REG-' || register_amphoe_code || '-' || register_no as complaint_id,
        'agency_complaints' as source_feed,
        register_no as source_record_id,
        channel_text,
        category_text,
        status_text,
        assigned_unit,
        tambon_text as area_text,
        tambon_code,
        cast(null as double) as latitude,
        cast(null as double) as longitude,
        received_at,
        cast(resolved_date as timestamp) + interval 1 day - interval 1 second as closed_at_reported,
        cast(null as timestamp) as last_activity_at
    from {{ ref('stg_agency_registers__complaints') }}
    qualify row_number() over (
        partition by register_amphoe_code, register_no order by loaded_at desc, file_name desc
    ) = 1
),

citizen_app as (
    -- ids already carry their prefix (APP-); the category is already a code, which the category
    -- seed matches like any other term; cases merged into another one as duplicates are left out
    select
        case_id as complaint_id,
        'app_complaints' as source_feed,
        case_id as source_record_id,
        'citizen app' as channel_text,
        category_code as category_text,
        status_text,
        agency_code as assigned_unit,
        cast(null as varchar) as area_text,
        tambon_code,
        latitude,
        longitude,
        received_at,
        resolved_at as closed_at_reported,
        updated_at as last_activity_at
    from {{ ref('stg_citizen_app__complaints') }}
    where duplicate_of_case_id is null and status_text != 'merged_duplicate'
),

unioned as (
    select * from traffy
    union all
    select * from damrongdhama
    union all
    select * from agency_registers
    union all
    select * from citizen_app
)

select * from unioned
