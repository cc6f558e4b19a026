// A verbatim copy of ../shared/data/ocd_mx_states.csv (Open Civic Data's `identifiers/country-mx/states.csv`):
// the Worker cannot read files, so it ships as text; entity-ids.test.ts checks it still equals the shared file.

/** The OCD division ids of Mexico and its 32 states, as published (`id,name`, one header row). */
export const OCD_MX_STATES_CSV = `id,name
ocd-division/country:mx,México
ocd-division/country:mx/state:ag,Aguascalientes
ocd-division/country:mx/state:bc,Baja California
ocd-division/country:mx/state:bs,Baja California Sur
ocd-division/country:mx/state:cm,Campeche
ocd-division/country:mx/state:cs,Chiapas
ocd-division/country:mx/state:ch,Chihuahua
ocd-division/country:mx/state:co,Coahuila
ocd-division/country:mx/state:cl,Colima
ocd-division/country:mx/state:df,Mexico City
ocd-division/country:mx/state:dg,Durango
ocd-division/country:mx/state:gt,Guanajuato
ocd-division/country:mx/state:gr,Guerrero
ocd-division/country:mx/state:hg,Hidalgo
ocd-division/country:mx/state:ja,Jalisco
ocd-division/country:mx/state:em,México
ocd-division/country:mx/state:mi,Michoacán
ocd-division/country:mx/state:mo,Morelos
ocd-division/country:mx/state:na,Nayarit
ocd-division/country:mx/state:nl,Nuevo León
ocd-division/country:mx/state:oa,Oaxaca
ocd-division/country:mx/state:pu,Puebla
ocd-division/country:mx/state:qt,Querétaro
ocd-division/country:mx/state:qr,Quintana Roo
ocd-division/country:mx/state:sl,San Luis Potosí
ocd-division/country:mx/state:si,Sinaloa
ocd-division/country:mx/state:so,Sonora
ocd-division/country:mx/state:tb,Tabasco
ocd-division/country:mx/state:tm,Tamaulipas
ocd-division/country:mx/state:tl,Tlaxcala
ocd-division/country:mx/state:ve,Veracruz
ocd-division/country:mx/state:yu,Yucatán
ocd-division/country:mx/state:za,Zacatecas
`;
