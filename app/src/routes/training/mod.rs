//! Training sessions: the list with the form to record one (`list`), and one session with its
//! list of people, the search to add them and the ticks of who came (`detail`). Pages of the
//! whole client: desk work for the Department's and the communes' officers.
pub mod detail;
pub mod list;
