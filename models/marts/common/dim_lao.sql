with

laos as (
    select * from {{ ref('stg_reference__laos') }}
),

final as (
    select
        -- ids
        lao_key,
        amphoe_code,

        -- strings
        lao_name_th,
        lao_name_en,
        lao_type,
        case lao_type
            when 'provincial_administrative_organization' then 'องค์การบริหารส่วนจังหวัด'
            when 'town_municipality' then 'เทศบาลเมือง'
            when 'subdistrict_municipality' then 'เทศบาลตำบล'
            when 'subdistrict_administrative_organization' then 'องค์การบริหารส่วนตำบล'
        end as lao_type_name_th,
        case lao_type
            when 'provincial_administrative_organization' then 'Provincial Administrative Organization'
            when 'town_municipality' then 'Town municipality'
            when 'subdistrict_municipality' then 'Subdistrict municipality'
            when 'subdistrict_administrative_organization' then 'Subdistrict Administrative Organization'
        end as lao_type_name_en

    from laos
)

select * from final
