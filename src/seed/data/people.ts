/** Names for `firstName`, `lastName` and `fullName`: common given names and surnames of many countries. */

const list = (text: string): readonly string[] => Object.freeze(text.trim().split(/\s*,\s*/));

export const FIRST_NAMES = list(`
James, Mary, Robert, Patricia, John, Jennifer, Michael, Linda, David, Elizabeth, William, Barbara, Richard, Susan, Joseph, Jessica,
Thomas, Sarah, Charles, Karen, Christopher, Lisa, Daniel, Nancy, Matthew, Betty, Anthony, Sandra, Mark, Margaret, Donald, Ashley,
Steven, Kimberly, Andrew, Emily, Paul, Donna, Joshua, Michelle, Kenneth, Carol, Kevin, Amanda, Brian, Melissa, George, Deborah,
Timothy, Stephanie, Ronald, Dorothy, Jason, Rebecca, Edward, Sharon, Jeffrey, Laura, Ryan, Cynthia, Jacob, Amy, Gary, Kathleen,
Nicholas, Angela, Eric, Shirley, Jonathan, Brenda, Stephen, Emma, Larry, Anna, Justin, Pamela, Scott, Nicole, Brandon, Samantha,
Benjamin, Katherine, Samuel, Christine, Gregory, Helen, Alexander, Debra, Patrick, Rachel, Frank, Carolyn, Raymond, Janet, Jack,
Maria, Dennis, Olivia, Jerry, Heather, Tyler, Diane, Aaron, Julie, Jose, Joyce, Adam, Victoria, Nathan, Ruth, Henry, Virginia,
Zachary, Lauren, Douglas, Kelly, Peter, Christina, Kyle, Joan, Noah, Evelyn, Ethan, Judith, Jeremy, Andrea, Walter, Hannah, Christian,
Megan, Keith, Cheryl, Roger, Jacqueline, Terry, Martha, Austin, Madison, Sean, Teresa, Gerald, Gloria, Carl, Sara, Harold, Janice,
Dylan, Ann, Arthur, Kathryn, Lawrence, Abigail, Jordan, Sophia, Jesse, Frances, Bryan, Jean, Billy, Alice, Bruce, Judy, Gabriel,
Isabella, Joe, Julia, Logan, Grace, Alan, Amber, Juan, Denise, Albert, Danielle, Willie, Marilyn, Elijah, Beverly, Wayne, Charlotte,
Randy, Natalie, Vincent, Theresa, Mason, Diana, Roy, Brittany, Ralph, Doris, Bobby, Kayla, Russell, Alexis, Bradley, Lori, Philip,
Marie, Eugene, Ava, Hiroshi, Yuki, Wei, Mei, Arjun, Priya, Omar, Fatima, Lucas, Sofia, Mateo, Valentina, Leon, Mia, Felix, Ingrid,
Lars, Astrid, Pierre, Camille, Giovanni, Chiara, Dmitri, Olga, Kwame, Amara, Chen, Aiko, Rafael, Lucia, Ahmed, Leila, Sven, Freya
`);

export const LAST_NAMES = list(`
Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, Hernandez, Lopez, Gonzalez, Wilson, Anderson,
Thomas, Taylor, Moore, Jackson, Martin, Lee, Perez, Thompson, White, Harris, Sanchez, Clark, Ramirez, Lewis, Robinson, Walker, Young,
Allen, King, Wright, Scott, Torres, Nguyen, Hill, Flores, Green, Adams, Nelson, Baker, Hall, Rivera, Campbell, Mitchell, Carter,
Roberts, Gomez, Phillips, Evans, Turner, Diaz, Parker, Cruz, Edwards, Collins, Reyes, Stewart, Morris, Morales, Murphy, Cook, Rogers,
Gutierrez, Ortiz, Morgan, Cooper, Peterson, Bailey, Reed, Kelly, Howard, Ramos, Kim, Cox, Ward, Richardson, Watson, Brooks, Chavez,
Wood, James, Bennett, Gray, Mendoza, Ruiz, Hughes, Price, Alvarez, Castillo, Sanders, Patel, Myers, Long, Ross, Foster, Jimenez,
Powell, Jenkins, Perry, Russell, Sullivan, Bell, Coleman, Butler, Henderson, Barnes, Gonzales, Fisher, Vasquez, Simmons, Romero,
Jordan, Patterson, Alexander, Hamilton, Graham, Reynolds, Griffin, Wallace, Moreno, West, Cole, Hayes, Bryant, Herrera, Gibson, Ellis,
Tran, Medina, Aguilar, Stevens, Murray, Ford, Castro, Marshall, Owens, Harrison, Fernandez, McDonald, Woods, Washington, Kennedy,
Wells, Vargas, Henry, Chen, Freeman, Webb, Tucker, Guzman, Burns, Crawford, Olson, Simpson, Porter, Hunter, Gordon, Mendez, Silva,
Shaw, Snyder, Mason, Dixon, Munoz, Hunt, Hicks, Holmes, Palmer, Wagner, Black, Robertson, Boyd, Rose, Stone, Salazar, Fox, Warren,
Mills, Meyer, Rice, Schmidt, Garza, Daniels, Ferguson, Nichols, Stephens, Soto, Weaver, Ryan, Gardner, Payne, Grant, Dunn, Kelley,
Tanaka, Suzuki, Sato, Wang, Zhang, Li, Singh, Kumar, Muller, Schneider, Fischer, Weber, Rossi, Russo, Ferrari, Dubois, Moreau,
Laurent, Ivanov, Petrov, Novak, Kowalski, Nowak, Larsen, Hansen, Johansson, Nielsen, Okafor, Mensah, Haddad, Yilmaz, Kaya, Costa
`);

export const JOB_TITLES = list(`
Software Engineer, Product Manager, Data Analyst, Accountant, Graphic Designer, Sales Manager, Marketing Coordinator, Nurse,
Teacher, Civil Engineer, Pharmacist, Architect, Financial Analyst, HR Specialist, Customer Support Agent, Operations Manager,
Project Manager, Web Developer, Systems Administrator, Electrician, Mechanical Engineer, Physician, Dentist, Lawyer, Paralegal,
Chef, Copywriter, Business Analyst, Database Administrator, Security Analyst, UX Researcher, QA Engineer, DevOps Engineer,
Research Scientist, Logistics Coordinator, Account Executive, Office Manager, Recruiter, Photographer, Translator, Veterinarian,
Physical Therapist, Real Estate Agent, Insurance Agent, Chief Financial Officer, Chief Technology Officer, Consultant, Auditor,
Technical Writer, Data Scientist, Machine Learning Engineer, Network Engineer, Social Media Manager, Event Planner, Buyer, Pilot
`);

const COMPANY_WORDS = list(`
Acme, Globex, Initech, Umbrella, Stark, Wayne, Wonka, Hooli, Vandelay, Soylent, Cyberdyne, Tyrell, Aperture, Oscorp, Nakatomi,
Blue Sky, Silver Lake, Northwind, Contoso, Fabrikam, Redwood, Granite, Summit, Horizon, Pinnacle, Evergreen, Ironclad, Bright Path,
Quantum, Nimbus, Vertex, Harbor, Crescent, Falcon, Atlas, Orion, Polaris, Sterling, Keystone, Lighthouse, Meridian, Beacon
`);
const COMPANY_SUFFIXES = list('Inc, LLC, Ltd, Group, Holdings, Corp, Partners, Labs, Systems, Industries, Solutions, Co');

/** A company name made of a word and a legal suffix: 42 x 12 combinations. */
export const COMPANY_PARTS = { words: COMPANY_WORDS, suffixes: COMPANY_SUFFIXES };

export const EMAIL_DOMAINS = list('gmail.com, yahoo.com, outlook.com, hotmail.com, icloud.com, proton.me, example.com, mail.com, fastmail.com, zoho.com');
