with

source as (
    select * from {{ source('traffy', 'traffy_complaints') }}
),

coordinates as (
    select
        *,
        try_cast(trim(split_part(coords, ',', 1)) as double) as first_coordinate,
        try_cast(trim(split_part(coords, ',', 2)) as double) as second_coordinate
    from source
),

renamed as (
    select
        -- ids
        ticket_id,
        tambon_code,
        amphoe_code,

        -- strings
        -- `type` may be a set such as {ถนน,น้ำท่วม}: the first element is the primary category
        nullif(trim(split_part(regexp_replace(category_text, '[{}"]', '', 'g'), ',', 1)), '')
            as category_text,
        category_text as category_set_text,
        organization as assigned_unit,
        description,
        address,
        tambon_text,
        amphoe_text,
        province_text,
        status_text,
        area_match_method,

        -- numbers: coords is "longitude,latitude"; a pair typed the other way round is swapped
        case
            when first_coordinate between 5 and 21 and second_coordinate between 97 and 106
                then second_coordinate
            else first_coordinate
        end as longitude,
        case
            when first_coordinate between 5 and 21 and second_coordinate between 97 and 106
                then first_coordinate
            else second_coordinate
        end as latitude,
        star_rating,
        reopen_count,
        area_match_confidence,

        -- timestamps
        reported_at,
        last_activity_at,

        -- lineage
        _file_name as file_name,
        _row_number as source_row_number,
        _loaded_at as loaded_at

    from coordinates
)

select * from renamed
