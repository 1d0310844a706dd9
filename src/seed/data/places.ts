/** Places for `country`, `city`, `state`, `streetAddress` and `postcode`. */

const list = (text: string): readonly string[] => Object.freeze(text.trim().split(/\s*,\s*/));

export const COUNTRIES = list(`
Argentina, Australia, Austria, Belgium, Brazil, Bulgaria, Canada, Chile, China, Colombia, Croatia, Czech Republic, Denmark, Egypt,
Estonia, Finland, France, Germany, Ghana, Greece, Hungary, Iceland, India, Indonesia, Ireland, Israel, Italy, Japan, Kenya, Latvia,
Lithuania, Luxembourg, Malaysia, Mexico, Morocco, Netherlands, New Zealand, Nigeria, Norway, Pakistan, Peru, Philippines, Poland,
Portugal, Romania, Saudi Arabia, Serbia, Singapore, Slovakia, Slovenia, South Africa, South Korea, Spain, Sweden, Switzerland,
Thailand, Turkey, Ukraine, United Arab Emirates, United Kingdom, United States, Uruguay, Vietnam
`);

export const CITIES = list(`
New York, Los Angeles, Chicago, Houston, Phoenix, Philadelphia, San Antonio, San Diego, Dallas, Austin, Seattle, Denver, Boston,
Portland, Atlanta, Miami, Toronto, Montreal, Vancouver, Mexico City, London, Manchester, Edinburgh, Dublin, Paris, Lyon, Marseille,
Berlin, Munich, Hamburg, Frankfurt, Vienna, Zurich, Geneva, Amsterdam, Rotterdam, Brussels, Copenhagen, Stockholm, Oslo, Helsinki,
Madrid, Barcelona, Valencia, Lisbon, Porto, Rome, Milan, Naples, Athens, Warsaw, Krakow, Prague, Budapest, Bucharest, Istanbul, Kyiv,
Cairo, Lagos, Nairobi, Cape Town, Johannesburg, Casablanca, Dubai, Mumbai, Delhi, Bangalore, Singapore, Bangkok, Hanoi, Jakarta,
Manila, Seoul, Tokyo, Osaka, Beijing, Shanghai, Hong Kong, Taipei, Sydney, Melbourne, Auckland, Sao Paulo, Rio de Janeiro,
Buenos Aires, Santiago, Lima, Bogota, Montevideo, Reykjavik, Tallinn, Riga, Vilnius, Ljubljana, Zagreb, Belgrade, Sofia
`);

export const STATES = list(`
Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida, Georgia, Hawaii, Idaho, Illinois, Indiana,
Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland, Massachusetts, Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska,
Nevada, New Hampshire, New Jersey, New Mexico, New York, North Carolina, North Dakota, Ohio, Oklahoma, Oregon, Pennsylvania,
Rhode Island, South Carolina, South Dakota, Tennessee, Texas, Utah, Vermont, Virginia, Washington, West Virginia, Wisconsin, Wyoming
`);

export const STREET_NAMES = list(`
Main, Oak, Pine, Maple, Cedar, Elm, Washington, Lake, Hill, Park, Walnut, Sunset, Lincoln, Jackson, Church, River, Highland, Forest,
Meadow, Willow, Spring, Ridge, Valley, Mill, Chestnut, Birch, Franklin, Jefferson, Madison, Adams, Center, Market, Union, Water,
Bridge, Harbor, Garden, Orchard, King, Queen, Victoria, Station, School, High, Mountain, Prospect, Liberty, Summit, Broad, Front
`);

export const STREET_SUFFIXES = list('Street, Avenue, Road, Lane, Drive, Court, Boulevard, Way, Place, Terrace, Circle, Parkway');
