with

definitions as (
    select * from {{ ref('kpi_definitions') }}
),

final as (
    select
        -- ids
        kpi_code,

        -- strings
        name_th,
        name_en,
        unit_th,
        unit_en,
        grain,
        source_model,
        description_en,

        -- booleans
        higher_is_better

    from definitions
)

select * from final
