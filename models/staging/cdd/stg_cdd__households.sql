with

source as (
    select * from {{ source('cdd', 'cdd_households') }}
),

renamed as (
    select
        -- ids
        household_id,
        tambon_code,
        amphoe_code,

        -- strings
        tambon_text,
        amphoe_text,
        area_match_method,

        -- numbers
        survey_year_be,
        village_no,
        member_count,
        income_per_person_year,
        area_match_confidence,

        -- booleans
        case
            when {{ normalise_term('welfare_card_text') }} like 'ไม่%' then false
            when {{ normalise_term('welfare_card_text') }} in ('n', 'no', '0') then false
            when {{ normalise_term('welfare_card_text') }} like 'ลงทะเบียน%' then true
            when {{ normalise_term('welfare_card_text') }} in ('มี', 'ใช่', 'ได้รับ', 'y', 'yes', '1') then true
        end as is_welfare_registered,

        -- strings: the 31 indicator answers as written (ผ่าน, ไม่ผ่าน or blank)
        {% for indicator_no in range(1, 32) %}
        ind_{{ '%02d' % indicator_no }},
        {% endfor %}

        -- dates
        surveyed_date,

        -- lineage
        _file_name as file_name,
        _row_number as source_row_number,
        _loaded_at as loaded_at

    from source
)

select * from renamed
